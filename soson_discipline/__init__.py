__version__ = "0.0.1"

APP_MODULE = "Soson Discipline"
"""The app's one Module Def: its DocTypes, reports and workspaces belong to it."""
