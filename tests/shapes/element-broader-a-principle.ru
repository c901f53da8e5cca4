# ElementShape: skos:broader sh:class cw:Element
# at: models/bright.yaml|- id: rota
INSERT DATA { <element/bright/rota> skos:broader <principle/hub/voice> }
