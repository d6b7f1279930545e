-- Demo agents, whose eID cards conf/dev/eid-pki makes: Agathe Lambert
-- processes population requests and manages the mobility department;
-- Bruno Marchal processes tax files and may read mobility dossiers.
-- Rerunnable: it upserts.

INSERT INTO persons (nrn, given_names, surname, email, lang) VALUES
('78021400167', 'Agathe', 'Lambert', 'agathe.lambert@example.be', 'fr'),
('82050600223', 'Bruno', 'Marchal', 'bruno.marchal@example.be', 'fr')
ON CONFLICT (nrn) DO NOTHING;

INSERT INTO agents (person_id)
SELECT id FROM persons WHERE nrn IN ('78021400167', '82050600223')
ON CONFLICT (person_id) DO NOTHING;

INSERT INTO agent_departments (agent_id, department_id, role)
SELECT a.id, d.id, v.role
  FROM (VALUES ('78021400167', 'POPULATION', 'processor'),
	       ('78021400167', 'MOBILITY', 'manager'),
	       ('82050600223', 'TAXES', 'processor'),
	       ('82050600223', 'MOBILITY', 'reader')) AS v (nrn, dept, role)
  JOIN persons p ON p.nrn = v.nrn
  JOIN agents a ON a.person_id = p.id
  JOIN departments d ON d.code = v.dept
ON CONFLICT (agent_id, department_id) DO UPDATE SET role = EXCLUDED.role;
