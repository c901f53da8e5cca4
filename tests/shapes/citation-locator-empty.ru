# CitationShape: cw:locator sh:minLength 1
# at: principles.yaml|- id: kindness
DELETE WHERE { <principle/hub/kindness#citation-1> cw:locator ?any } ;
INSERT DATA { <principle/hub/kindness#citation-1> cw:locator "" }
