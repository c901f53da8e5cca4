# PrincipleShape: skos:inScheme sh:class cw:PrincipleSet
# at: principles.yaml|- id: voice
DELETE WHERE { <principle/hub/voice> skos:inScheme ?any } ;
INSERT DATA { <principle/hub/voice> skos:inScheme <model/warm> }
