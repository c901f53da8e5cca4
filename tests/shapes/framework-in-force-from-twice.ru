# FrameworkShape: cw:inForceFrom sh:maxCount 1
# at: frameworks/reg.yaml|framework:
INSERT DATA { <framework/reg> cw:inForceFrom "2020-01-01"^^xsd:date, "2021-01-01"^^xsd:date }
