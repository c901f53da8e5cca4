# ModelShape: cw:inWales sh:datatype xsd:boolean
# at: models/warm.yaml|model:
DELETE WHERE { <model/warm> cw:inWales ?any } ;
INSERT DATA { <model/warm> cw:inWales "no" }
