"""Placeholder blueprint, being written."""

from flask import Blueprint

bp = Blueprint("pages", __name__)
