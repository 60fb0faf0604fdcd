"""Placeholder blueprint, being written."""

from flask import Blueprint

bp = Blueprint("dumps", __name__)
