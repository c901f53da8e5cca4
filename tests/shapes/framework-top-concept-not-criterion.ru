# FrameworkShape: skos:hasTopConcept sh:class cw:Criterion
# at: frameworks/reg.yaml|framework:
INSERT DATA { <framework/reg> skos:hasTopConcept <element/warm/welcome> }
