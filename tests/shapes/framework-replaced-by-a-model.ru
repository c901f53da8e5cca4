# FrameworkShape: dcterms:isReplacedBy sh:class cw:Framework; FrameworkStageShape: sh:or (in force)
# at: frameworks/reg.yaml|framework:
INSERT DATA { <framework/reg> dcterms:isReplacedBy <model/warm> }
