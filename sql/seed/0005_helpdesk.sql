-- The help desk, a department of its own whose agents answer questions in
-- the inbox (helpdesk.department in guichet.conf names it): Agathe Lambert
-- answers them, Bruno Marchal reads them.  Rerunnable: it upserts.

INSERT INTO departments (code, names, email) VALUES
('HELPDESK', '{"fr": "Service d''assistance", "nl": "Helpdesk", "de": "Helpdesk", "en": "Helpdesk"}', 'assistance@example.be')
ON CONFLICT (code) DO UPDATE SET names = EXCLUDED.names, email = EXCLUDED.email;

INSERT INTO agent_departments (agent_id, department_id, role)
SELECT a.id, d.id, v.role
  FROM (VALUES ('78021400167', 'processor'),
	       ('82050600223', 'reader')) AS v (nrn, role)
  JOIN persons p ON p.nrn = v.nrn
  JOIN agents a ON a.person_id = p.id
  JOIN departments d ON d.code = 'HELPDESK'
ON CONFLICT (agent_id, department_id) DO UPDATE SET role = EXCLUDED.role;
