# FrameworkStageShape: sh:or (superseded names its successor)
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> cw:stage ?any } ;
INSERT DATA { <framework/reg> cw:stage "superseded" }
