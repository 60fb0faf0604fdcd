"""A Flask app that answers "hello": the framework + WSGI server ceiling for bench_query.py."""

from flask import Flask, Response

app = Flask(__name__)


@app.get("/")
def hello() -> Response:
    return Response(b"hello", mimetype="text/plain")
