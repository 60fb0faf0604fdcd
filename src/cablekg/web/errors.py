"""One error body for every HTTP error:
``{"error": {"status": 400, "code": "malformed-query", "message": "..."}}``. Never a traceback."""

from __future__ import annotations

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException


class APIError(HTTPException):
    """An HTTP error with a stable machine-readable code."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(description=message)
        self.code = status  # werkzeug's name for the status
        self.error_code = code
        self.extra_headers = headers or {}


_DEFAULT_CODES = {
    400: "bad-request",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    413: "too-large",
    415: "unsupported-media-type",
    500: "internal-error",
    503: "unavailable",
}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    response = jsonify({"error": {"status": status, "code": code, "message": message}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException) -> Response:
        status = e.code or 500
        code = getattr(e, "error_code", None) or _DEFAULT_CODES.get(status, "error")
        response = error_response(
            status, code, e.description or "", getattr(e, "extra_headers", None)
        )
        if status == 405 and e.get_response().headers.get("Allow"):
            response.headers["Allow"] = e.get_response().headers["Allow"]
        return response

    @app.errorhandler(Exception)
    def _unexpected(e: Exception) -> Response:  # the last resort: log it, never show it
        app.logger.exception("unhandled error")
        return error_response(500, "internal-error", "the server failed to answer this request")
