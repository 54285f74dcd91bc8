"""Bearer tokens from ``VIGIL_API_TOKENS``. With none configured every request is
refused, so a deployment that forgot to set them is closed rather than open."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.config import get_settings

bearer = HTTPBearer(auto_error=False, description="one of the tokens in VIGIL_API_TOKENS")


def configured_tokens() -> list[str]:
    return [token.strip() for token in get_settings().api_tokens.split(",") if token.strip()]


def token_matches(given: str, tokens: list[str]) -> bool:
    """Compares against every token in constant time, so timing reveals neither which
    token nor how much of it matched."""
    matched = False
    for token in tokens:
        matched |= hmac.compare_digest(given.encode(), token.encode())
    return matched


def require_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    if credentials is None:
        raise _unauthorized("missing bearer token (send 'Authorization: Bearer TOKEN')")
    if not token_matches(credentials.credentials, configured_tokens()):
        raise _unauthorized("invalid bearer token")


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})
