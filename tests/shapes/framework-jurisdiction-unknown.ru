# FrameworkShape: cw:jurisdiction sh:in
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> cw:jurisdiction ?any } ;
INSERT DATA { <framework/reg> cw:jurisdiction "atlantis" }
