"""Incidents in the shapes analysts already load: the GTD codebook's columns (``gtd``) and
ACLED's (``acled``). Each module maps Vigil's fields to one dataset's names and codes and gives
plain row dicts; making the cells safe for spreadsheets is the writer's job (``vigil.render``)."""

from typing import Literal, get_args

# Named here, with no imports of weight, so that `vigil --help` can list them without loading pydantic.
ExportFormat = Literal["json", "csv", "geojson", "gtd", "acled"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
