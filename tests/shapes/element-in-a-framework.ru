# ElementShape: skos:inScheme sh:class cw:Model
# at: models/warm.yaml|- id: meetings
DELETE WHERE { <element/warm/meetings> skos:inScheme ?any } ;
INSERT DATA { <element/warm/meetings> skos:inScheme <framework/reg> }
