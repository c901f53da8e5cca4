# FrameworkShape: cw:ratingScale sh:class cw:RatingScale
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> cw:ratingScale ?any } ;
INSERT DATA { <framework/reg> cw:ratingScale <framework/reg/rating/good> }
