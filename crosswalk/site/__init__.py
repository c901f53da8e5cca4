"""The static website: view-models, pages, rendering, build and preview server."""
