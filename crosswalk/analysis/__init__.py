"""What the engine answers: coverage, gaps, recommendations, framework crosswalk, checklist."""
