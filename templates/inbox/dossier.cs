<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs include:"deadline.cs" ?>
<?cs # One action's text box, keeping what was typed. ?>
<?cs def:text_box(action, hint) ?>
<div class="field<?cs if:Form[action + "_body"].error ?> has-error<?cs /if ?>">
<label for="<?cs var:action ?>_body"><?cs var:Lang.inbox.text ?></label>
<p class="hint" id="<?cs var:action ?>_hint"><?cs var:hint ?> <?cs var:Lang.inbox.text_hint ?></p>
<?cs if:Form[action + "_body"].error ?><p class="field-error" id="<?cs var:action ?>_error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[action + "_body"].error ?></p><?cs /if ?>
<textarea id="<?cs var:action ?>_body" name="body" rows="4" maxlength="5000" aria-describedby="<?cs var:action ?>_hint<?cs if:Form[action + "_body"].error ?> <?cs var:action ?>_error<?cs /if ?>"><?cs var:Kept[action] ?></textarea>
</div>
<?cs /def ?>
<?cs def:file_box(action, label) ?>
<div class="field<?cs if:Form[action + "_file"].error ?> has-error<?cs /if ?>">
<label for="<?cs var:action ?>_file"><?cs var:label ?></label>
<?cs if:Form[action + "_file"].error ?><p class="field-error" id="<?cs var:action ?>_file_error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[action + "_file"].error ?></p><?cs /if ?>
<input type="file" id="<?cs var:action ?>_file" name="file" accept="application/pdf,.pdf"<?cs if:Form[action + "_file"].error ?> aria-describedby="<?cs var:action ?>_file_error"<?cs /if ?>>
</div>
<?cs /def ?>
<?cs def:action_start(action) ?><form method="post" action="/inbox/dossiers/<?cs var:Dossier.id ?>/<?cs var:action ?>" enctype="multipart/form-data" class="action"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><?cs /def ?>
<?cs call:page_start(Dossier.reference + " — " + Lang.inbox.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.back ?></a></li><li aria-current="page"><?cs var:Dossier.reference ?></li></ol></nav>
<h1><span class="reference"><?cs var:Dossier.reference ?></span> <span class="small"><?cs var:Dossier.title ?></span></h1>
<?cs call:error_summary() ?>
<?cs if:Work.done ?><p class="notice" role="status"><?cs var:Lang.inbox.done[Work.done] ?></p><?cs /if ?>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.inbox.status ?></dt><dd><strong><?cs var:Lang.dossier.status[Dossier.status] ?></strong><?cs if:Work.waiting == "1" ?> — <?cs var:Lang.inbox.waiting_since ?> <?cs var:Facts.0.waiting_since ?> (<?cs var:Facts.0.waiting_days ?> <?cs var:Lang.inbox.days ?>)<?cs /if ?></dd></div>
<div class="row"><dt><?cs var:Lang.inbox.applicant ?></dt><dd><?cs var:Facts.0.applicant ?><?cs if:Facts.0.nrn ?> — <?cs var:Lang.inbox.nrn ?> <?cs var:Facts.0.nrn ?><?cs else ?> — <?cs var:Lang.inbox.no_nrn ?><?cs /if ?></dd></div>
<?cs if:Facts.0.org ?><div class="row"><dt><?cs var:Lang.inbox.org ?></dt><dd><?cs var:Facts.0.org ?> (BCE <?cs var:Facts.0.bce ?>)</dd></div><?cs /if ?>
<div class="row"><dt><?cs var:Lang.inbox.submitted ?></dt><dd><?cs var:Dossier.submitted_at ?></dd></div>
<?cs call:deadline_rows() ?>
<div class="row"><dt><?cs var:Lang.inbox.department ?></dt><dd><?cs var:Facts.0.department ?></dd></div>
<div class="row"><dt><?cs var:Lang.inbox.assigned ?></dt><dd><?cs if:Facts.0.assignee ?><?cs var:Facts.0.assignee ?><?cs else ?><?cs var:Lang.inbox.unassigned ?><?cs /if ?></dd></div>
<?cs if:Facts.0.waited_days > 0 ?><div class="row"><dt><?cs var:Lang.inbox.waited ?></dt><dd><?cs var:Facts.0.waited_days ?> <?cs var:Lang.inbox.days ?></dd></div><?cs /if ?>
</dl>

<h2><?cs var:Lang.inbox.actions ?></h2>
<?cs if:Work.can_act != "1" ?><p class="notice"><?cs var:Lang.inbox.read_only ?></p>
<?cs else ?><div class="actions">
<?cs if:Dossier.status == "soumis" ?><?cs call:action_start("receive") ?><button type="submit"><?cs var:Lang.inbox.act.receive ?></button></form><?cs /if ?>
<?cs if:Dossier.status == "receptionne" && Work.waiting == "0" ?><?cs call:action_start("process") ?><button type="submit"><?cs var:Lang.inbox.act.process ?></button></form><?cs /if ?>
<?cs if:Dossier.status != "cloture" && Work.mine != "1" ?><?cs call:action_start("take") ?><button type="submit"><?cs var:Lang.inbox.act.take ?></button></form><?cs /if ?>
<?cs if:Dossier.status != "cloture" && Work.can_assign == "1" ?><?cs call:action_start("assign") ?>
<label for="assign_agent"><?cs var:Lang.inbox.assign_to ?></label>
<?cs if:Form.assign_agent.error ?><p class="field-error" id="assign_agent_error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.assign_agent.error ?></p><?cs /if ?>
<select id="assign_agent" name="agent"<?cs if:Form.assign_agent.error ?> aria-describedby="assign_agent_error"<?cs /if ?>><?cs each:c = Colleagues ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Facts.0.assignee_id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select>
<button type="submit"><?cs var:Lang.inbox.act.assign ?></button></form><?cs /if ?>
</div>
<?cs if:(Dossier.status == "receptionne" || Dossier.status == "en_traitement") && Work.waiting == "0" ?>
<?cs call:action_start("complement") ?><h3><?cs var:Lang.inbox.act.complement ?></h3>
<?cs call:text_box("complement", Lang.inbox.complement_hint) ?>
<button type="submit"><?cs var:Lang.inbox.act.complement ?></button></form><?cs /if ?>
<?cs if:Dossier.status != "cloture" ?>
<?cs call:action_start("message") ?><h3><?cs var:Lang.inbox.act.message ?></h3>
<?cs call:text_box("message", "") ?>
<?cs call:file_box("message", Lang.inbox.file) ?>
<button type="submit"><?cs var:Lang.inbox.act.message ?></button></form><?cs /if ?>
<?cs if:Dossier.status == "receptionne" || Dossier.status == "en_traitement" ?>
<?cs call:action_start("close") ?><h3><?cs var:Lang.inbox.act.close ?></h3>
<p class="hint"><?cs var:Lang.inbox.close_hint ?></p>
<fieldset class="field<?cs if:Form.close_decision.error ?> has-error<?cs /if ?>" id="close_decision"><legend><?cs var:Lang.inbox.decision_label ?></legend>
<?cs if:Form.close_decision.error ?><p class="field-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.close_decision.error ?></p><?cs /if ?>
<?cs each:k = Lang.inbox.decision ?><div class="choice-item"><input type="radio" id="decision_<?cs name:k ?>" name="decision" value="<?cs name:k ?>"<?cs if:Kept.decision == name(k) ?> checked<?cs /if ?>><label for="decision_<?cs name:k ?>"><?cs var:k ?></label></div>
<?cs /each ?></fieldset>
<?cs call:text_box("close", Lang.inbox.grounds) ?>
<?cs call:file_box("close", Lang.inbox.letter_file) ?>
<button type="submit"><?cs var:Lang.inbox.act.close ?></button></form><?cs /if ?>
<?cs call:action_start("note") ?><h3><?cs var:Lang.inbox.act.note ?></h3>
<?cs call:text_box("note", Lang.inbox.note_hint) ?>
<button type="submit"><?cs var:Lang.inbox.act.note ?></button></form>
<?cs /if ?>

<h2 id="thread"><?cs var:Lang.inbox.thread ?></h2>
<?cs if:!Messages.0.at ?><p><?cs var:Lang.inbox.thread_none ?></p>
<?cs else ?><ol class="thread"><?cs each:m = Messages ?><li class="message from-<?cs if:m.from == "user" ?>user<?cs else ?>admin<?cs /if ?>">
<p class="meta"><strong><?cs var:m.name ?></strong> (<?cs var:Lang.inbox["from_" + m.from] ?>)<?cs if:m.kind == "complement_request" ?> <?cs var:Lang.inbox.asks ?><?cs /if ?> — <?cs var:m.at ?></p>
<div class="message-body"><?cs var:m.body ?></div>
<?cs if:m.files.0.id ?><ul class="files"><?cs each:f = m.files ?><li><a href="/inbox/dossiers/<?cs var:Dossier.id ?>/files/<?cs var:f.id ?>" download><?cs var:f.filename ?></a> (<?cs var:f.kb ?> <?cs var:Lang.dossiers.kb ?>)</li><?cs /each ?></ul><?cs /if ?>
</li>
<?cs /each ?></ol><?cs /if ?>

<h2><?cs var:Lang.inbox.notes ?></h2>
<?cs if:!Notes.0.at ?><p><?cs var:Lang.inbox.notes_none ?></p>
<?cs else ?><ul class="thread"><?cs each:n = Notes ?><li class="message"><p class="meta"><strong><?cs var:n.by ?></strong> — <?cs var:n.at ?></p><div class="message-body"><?cs var:n.body ?></div></li>
<?cs /each ?></ul><?cs /if ?>

<?cs if:Documents.0.id ?><h2><?cs var:Lang.inbox.documents ?></h2>
<ul class="files"><?cs each:d = Documents ?><li><a href="/inbox/dossiers/<?cs var:Dossier.id ?>/documents/<?cs var:d.id ?>" download><?cs var:d.title ?></a> — <?cs var:Lang.dossiers.kind[d.kind] ?>, <?cs var:d.issued ?> (<?cs var:d.kb ?> <?cs var:Lang.dossiers.kb ?><?cs if:d.sealed == "t" ?>, <?cs var:Lang.inbox.sealed ?><?cs /if ?>)<?cs if:d.code ?> — <?cs var:Lang.verify.code_short ?> <span class="reference"><?cs var:d.code ?></span><?cs /if ?><?cs if:d.revoked ?><br><strong><?cs var:Lang.verify.revoked_on ?> <?cs var:d.revoked ?></strong> — <?cs var:d.revoked_reason ?><?cs /if ?></li>
<?cs /each ?></ul>
<?cs if:Work.can_act == "1" && Work.revocable ?><?cs call:action_start("revoke") ?><h3><?cs var:Lang.inbox.act.revoke ?></h3>
<p class="hint"><?cs var:Lang.inbox.revoke_hint ?></p>
<div class="field"><label for="revoke_document"><?cs var:Lang.inbox.revoke_document ?></label>
<select id="revoke_document" name="document"><?cs each:d = Documents ?><?cs if:!d.revoked ?><option value="<?cs var:d.id ?>"><?cs var:d.title ?> (<?cs var:d.issued ?>)</option><?cs /if ?><?cs /each ?></select></div>
<?cs call:text_box("revoke", Lang.inbox.revoke_reason) ?>
<button type="submit"><?cs var:Lang.inbox.act.revoke ?></button></form><?cs /if ?>
<?cs /if ?>

<h2><?cs var:Lang.inbox.history ?></h2>
<ol class="timeline"><?cs each:e = Events ?><li><span class="when"><?cs var:e.at ?></span> —
<?cs if:e.kind == "status" ?><?cs var:Lang.inbox.event.status ?> <strong><?cs var:Lang.dossier.status[e.to] ?></strong><?cs if:e.reason ?> (<?cs var:e.reason ?>)<?cs /if ?><?cs elif:e.kind == "assign" || e.kind == "document" || e.kind == "document_revoked" ?><?cs var:Lang.inbox.event[e.kind] ?> <strong><?cs var:e.reason ?></strong><?cs else ?><?cs var:Lang.inbox.event[e.kind] ?><?cs /if ?>
<?cs if:e.by ?>— <?cs var:e.by ?><?cs /if ?></li>
<?cs /each ?></ol>

<h2><?cs var:Lang.inbox.answers ?></h2>
<?cs call:answers(0) ?>
<?cs call:page_end() ?>
