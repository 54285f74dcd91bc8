"""The armed groups Vigil knows: canonical names, parents and the spellings it recognises, so
that a caller can filter incidents by a name they know (``perpetrator=ISIS`` finds every
Islamic State branch)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from services.extraction.actors import Actor, armed_groups
from vigil.api.models import Text

router = APIRouter(prefix="/v1/actors", tags=["actors"])


class ActorOut(BaseModel):
    name: str
    parent: str | None
    root: str
    aliases: list[str]
    region: str | None
    active_from: int | None
    active_to: int | None

    @classmethod
    def of(cls, actor: Actor) -> ActorOut:
        return cls(
            name=actor.canonical,
            parent=actor.parent,
            root=actor.root,
            aliases=sorted(set(actor.aliases) - {actor.canonical}),
            region=actor.region,
            active_from=actor.active[0],
            active_to=actor.active[1],
        )


@router.get("", response_model=list[ActorOut])
def list_actors(
    q: Annotated[Text | None, Query(max_length=200, description="part of a name or alias")] = None,
) -> list[ActorOut]:
    """Armed groups by canonical name, with their parent group and known spellings."""
    return [ActorOut.of(actor) for actor in armed_groups(q)]
