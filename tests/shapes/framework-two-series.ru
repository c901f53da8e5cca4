# FrameworkShape: cw:series sh:maxCount 1
# at: frameworks/reg.yaml|framework:
INSERT DATA { <framework/reg> cw:series "another" }
