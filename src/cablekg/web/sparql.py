"""Placeholder blueprint, being written."""

from flask import Blueprint

bp = Blueprint("sparql", __name__)
