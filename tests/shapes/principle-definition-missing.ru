# PrincipleShape: skos:definition sh:minCount 1
# at: principles.yaml|- id: kindness
DELETE WHERE { <principle/hub/kindness> skos:definition ?any }
