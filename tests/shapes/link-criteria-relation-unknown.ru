# CriterionCriterionLinkShape: cw:relation sh:in
# at: links/hub.yaml|- id: x-1
DELETE WHERE { <link/x-1> cw:relation ?any } ;
INSERT DATA { <link/x-1> cw:relation "embodies" }
