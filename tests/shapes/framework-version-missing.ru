# FrameworkShape: owl:versionInfo sh:minCount 1
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> owl:versionInfo ?any }
