"""Stage 1, config: read and validate municipalities/<slug>.yml (YAML with line numbers, the schema,
values such as phone numbers and colours, the national legal facts in data/wettelijke-feiten.yml).
"""
