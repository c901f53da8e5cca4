"""The files crosswalk reads besides a data folder, shipped with the package: see
crosswalk/resources.py, the one module that reads them."""
