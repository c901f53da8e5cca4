# FrameworkShape: cw:stage sh:in; FrameworkStageShape: sh:or
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> cw:stage ?any } ;
INSERT DATA { <framework/reg> cw:stage "retired" }
