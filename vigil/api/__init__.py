"""The HTTP API: how other systems hand Vigil articles and feeds and read incidents back.

Serve it with ``uvicorn vigil.api.app:app --host 127.0.0.1 --port 8000``.
"""
