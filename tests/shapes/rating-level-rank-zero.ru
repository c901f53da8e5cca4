# RatingLevelShape: cw:rank sh:minInclusive 1
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg/rating/good> cw:rank ?any } ;
INSERT DATA { <framework/reg/rating/good> cw:rank 0 }
