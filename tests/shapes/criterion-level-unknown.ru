# CriterionShape: cw:level sh:in
# at: frameworks/reg.yaml|- id: Q1.3
DELETE WHERE { <criterion/reg/Q1.3> cw:level ?any } ;
INSERT DATA { <criterion/reg/Q1.3> cw:level "chapter" }
