<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs include:"dossiers/macros.cs" ?>
<?cs include:"deadline.cs" ?>
<?cs call:page_start(Dossier.reference + " — " + Dossier.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/dossiers"><?cs var:Lang.dossiers.title ?></a></li><li aria-current="page"><?cs var:Dossier.reference ?></li></ol></nav>
<h1><span class="reference"><?cs var:Dossier.reference ?></span> <span class="small"><?cs var:Dossier.title ?></span></h1>
<?cs call:error_summary() ?>
<?cs if:Message.sent ?><p class="notice" role="status"><?cs var:Lang.dossiers.sent ?></p><?cs /if ?>
<?cs call:mail_call() ?>
<?cs if:Fee.total ?><section class="panel fee-due" aria-labelledby="fee-title">
<h2 id="fee-title"><?cs var:Lang.payment.fee_title ?></h2>
<?cs call:fee_table() ?>
<?cs if:Fee.state == "paid" ?><p class="notice"><?cs var:Lang.payment.fee_paid ?></p>
<?cs elif:Fee.state == "lapsed" ?><p class="notice"><?cs var:Lang.payment.fee_lapsed ?></p>
<?cs elif:Fee.paying ?><p><a class="button" href="/dossiers/<?cs var:Dossier.reference ?>/payment"><?cs var:Lang.payment.paying ?> <?cs var:Fee.total ?></a></p>
<?cs else ?><p><?cs var:Lang.payment.fee_text ?></p>
<form method="post" action="/dossiers/<?cs var:Dossier.reference ?>/pay">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit"><?cs var:Lang.payment.pay_now ?></button>
</form><?cs /if ?>
</section><?cs /if ?>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.dossiers.status ?></dt><dd><strong><?cs var:Lang.dossier.status[Dossier.status] ?></strong></dd></div>
<div class="row"><dt><?cs var:Lang.dossiers.submitted_on ?></dt><dd><?cs var:Dossier.submitted_at ?></dd></div>
<?cs if:State.closed_at ?><div class="row"><dt><?cs var:Lang.dossiers.closed_on ?></dt><dd><?cs var:State.closed_at ?></dd></div><?cs /if ?>
<?cs call:deadline_rows() ?>
<?cs if:State.waited_days > 0 ?><div class="row"><dt><?cs var:Lang.dossiers.waited ?></dt><dd><?cs var:State.waited_days ?> <?cs var:Lang.dossiers.days ?></dd></div><?cs /if ?>
<div class="row"><dt><?cs var:Lang.dossiers.receipt ?></dt><dd><a href="/forms/<?cs var:Dossier.id ?>/receipt"><?cs var:Lang.dossiers.receipt ?></a><?cs if:!Kiosk ?> · <a href="/forms/<?cs var:Dossier.id ?>/receipt.pdf" download><?cs var:Lang.dossiers.receipt_pdf ?></a><?cs /if ?></dd></div>
</dl>
<?cs if:Appointments.0.uid ?><section class="panel appointments" aria-labelledby="appt-title">
<h2 id="appt-title"><?cs var:Lang.appt.field.dossier ?></h2>
<?cs each:a = Appointments ?><div class="appointment">
<p><strong><?cs var:a.when ?></strong> — <?cs var:a.type ?>, <?cs var:a.office ?>, <?cs var:a.address ?> (<?cs var:Lang.appt.status[a.status] ?>)</p>
<?cs if:a.status == "booked" && a.upcoming ?><ul class="actions">
<li><a href="/appointments/<?cs var:url_escape(a.uid) ?>"><?cs var:Lang.appt.field.see ?></a></li>
<li><a href="/appointments/slots?office=<?cs var:url_escape(a.office_id) ?>&amp;type=<?cs var:url_escape(a.type_id) ?>&amp;move=<?cs var:url_escape(a.uid) ?>"><?cs var:Lang.appt.move ?><span class="visually-hidden"> — <?cs var:a.when ?></span></a></li>
<li><form method="post" action="/appointments/<?cs var:url_escape(a.uid) ?>/cancel">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit" class="secondary"><?cs var:Lang.appt.cancel ?><span class="visually-hidden"> — <?cs var:a.when ?></span></button>
</form></li>
</ul><?cs /if ?>
</div>
<?cs /each ?></section><?cs /if ?>
<?cs if:State.waiting_since ?><div class="panel waiting" role="region" aria-labelledby="waiting-title">
<h2 id="waiting-title"><?cs var:Lang.dossiers.waiting_title ?></h2>
<p><?cs var:Lang.dossiers.waiting_since ?> <?cs var:State.waiting_since ?> (<?cs var:State.waiting_days ?> <?cs var:Lang.dossiers.days ?>).</p>
<blockquote class="message-body"><?cs var:State.question ?></blockquote>
<p><a href="#body"><?cs var:Lang.dossiers.answer ?></a>. <?cs var:Lang.dossiers.waiting_answer ?></p>
</div><?cs /if ?>
<?cs if:State.archived == "1" ?><p class="notice"><?cs var:Lang.dossiers.archived_note ?></p><?cs /if ?>

<h2 id="messages"><?cs var:Lang.dossiers.messages ?></h2>
<?cs if:!Messages.0.at ?><p><?cs var:Lang.dossiers.messages_none ?></p>
<?cs else ?><ol class="thread"><?cs each:m = Messages ?><li class="message from-<?cs var:m.from ?>">
<p class="meta"><strong><?cs if:m.from == "user" ?><?cs var:m.name ?><?cs else ?><?cs var:Lang.dossiers.from_admin ?><?cs /if ?></strong><?cs if:m.kind == "complement_request" ?> <?cs var:Lang.dossiers.asks ?><?cs /if ?> — <?cs var:m.at ?></p>
<div class="message-body"><?cs var:m.body ?></div>
<?cs if:m.files.0.id ?><ul class="files"><?cs each:f = m.files ?><li><?cs if:Kiosk ?><?cs var:f.filename ?><?cs else ?><a href="/dossiers/<?cs var:Dossier.reference ?>/messages/files/<?cs var:f.id ?>" download><?cs var:f.filename ?></a><?cs /if ?> (<?cs var:f.kb ?> <?cs var:Lang.dossiers.kb ?>)</li><?cs /each ?></ul><?cs /if ?>
</li>
<?cs /each ?></ol><?cs /if ?>
<?cs if:State.open == "1" ?>
<form method="post" action="/dossiers/<?cs var:Dossier.reference ?>/messages" enctype="multipart/form-data" class="message-form">
<h3><?cs if:State.waiting_since ?><?cs var:Lang.dossiers.answer ?><?cs else ?><?cs var:Lang.dossiers.write ?><?cs /if ?></h3>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<div class="field<?cs if:Form.body.error ?> has-error<?cs /if ?>">
<label for="body"><?cs var:Lang.dossiers.body ?></label>
<p class="hint" id="body-hint"><?cs var:Lang.dossiers.body_hint ?></p>
<?cs if:Form.body.error ?><p class="field-error" id="body-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.body.error ?></p><?cs /if ?>
<textarea id="body" name="body" rows="6" maxlength="5000" aria-describedby="body-hint<?cs if:Form.body.error ?> body-error<?cs /if ?>"<?cs if:Form.body.error ?> aria-invalid="true"<?cs /if ?>><?cs var:Message.body ?></textarea>
</div>
<div class="field<?cs if:Form.file.error ?> has-error<?cs /if ?>">
<label for="file"><?cs var:Lang.dossiers.file ?></label>
<p class="hint" id="file-hint"><?cs var:Lang.dossiers.file_hint ?></p>
<?cs if:Form.file.error ?><p class="field-error" id="file-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.file.error ?></p><?cs /if ?>
<input type="file" id="file" name="file" accept="application/pdf,.pdf" aria-describedby="file-hint<?cs if:Form.file.error ?> file-error<?cs /if ?>">
</div>
<button type="submit"><?cs var:Lang.dossiers.send ?></button>
</form>
<?cs else ?><p class="notice"><?cs var:Lang.dossiers.closed_note ?></p>
<?cs if:Message.body ?><div class="field"><label for="body"><?cs var:Lang.dossiers.body ?></label><textarea id="body" rows="6" readonly><?cs var:Message.body ?></textarea></div><?cs /if ?>
<?cs /if ?>

<?cs if:Documents.0.id ?><h2><?cs var:Lang.dossiers.received_documents ?></h2>
<ul class="files"><?cs each:d = Documents ?><li><?cs if:Kiosk ?><?cs var:d.title ?><?cs else ?><a href="/documents/<?cs var:d.id ?>" download><?cs var:d.title ?></a><?cs /if ?> — <?cs var:Lang.dossiers.kind[d.kind] ?>, <?cs var:d.issued ?> (<?cs var:d.kb ?> <?cs var:Lang.dossiers.kb ?>)</li>
<?cs /each ?></ul><?cs /if ?>

<h2><?cs var:Lang.dossiers.timeline ?></h2>
<ol class="timeline"><?cs each:e = Events ?><li><span class="when"><?cs var:e.at ?></span> —
<?cs if:e.kind == "status" ?><?cs var:Lang.dossiers.event.status ?> <strong><?cs var:Lang.dossier.status[e.to] ?></strong><?cs if:e.reason ?> (<?cs var:e.reason ?>)<?cs /if ?><?cs elif:e.kind == "document" || e.kind == "document_revoked" ?><?cs var:Lang.dossiers.event[e.kind] ?> <strong><?cs var:e.reason ?></strong><?cs else ?><?cs var:Lang.dossiers.event[e.kind] ?><?cs /if ?>
<?cs var:Lang.dossiers.actor[e.actor] ?></li>
<?cs /each ?></ol>
<?cs if:Mails.0.at ?><h3><?cs var:Lang.account.mails_title ?></h3>
<table>
<caption class="visually-hidden"><?cs var:Lang.account.mails_title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.account.mails_when ?></th><th scope="col"><?cs var:Lang.account.mails_what ?></th><th scope="col"><?cs var:Lang.account.mails_state ?></th></tr></thead>
<tbody><?cs each:m = Mails ?><tr class="mail-<?cs var:m.state ?>"><td><?cs var:m.at ?></td><td><?cs var:Lang.account.mail_kind[m.kind] ?></td><td><?cs var:Lang.account["mails_" + m.state] ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>

<h2><?cs var:Lang.dossiers.answers ?></h2>
<?cs call:answers(0) ?>
<?cs if:Dossier.status == "cloture" ?>
<form method="post" action="/dossiers/<?cs var:Dossier.reference ?>/archive">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="archived" value="<?cs if:State.archived == "1" ?>0<?cs else ?>1<?cs /if ?>">
<button type="submit"><?cs if:State.archived == "1" ?><?cs var:Lang.dossiers.unarchive ?><?cs else ?><?cs var:Lang.dossiers.archive ?><?cs /if ?></button>
</form>
<?cs /if ?>
<?cs call:page_end() ?>
