# PrincipleCriterionLinkShape: owl:annotatedTarget sh:class cw:Criterion
# at: links/hub.yaml|- id: h-2
DELETE WHERE { <link/h-2> owl:annotatedTarget ?any } ;
INSERT DATA { <link/h-2> owl:annotatedTarget <element/warm/welcome> }
