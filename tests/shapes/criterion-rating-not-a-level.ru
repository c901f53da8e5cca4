# CriterionShape: cw:rating sh:class cw:RatingLevel
# at: frameworks/reg.yaml|- id: Q1.1
INSERT DATA { <criterion/reg/Q1.1> cw:rating <criterion/reg/Q1> }
