<?cs # The form engine's fields: one macro per kind, read from Fields.N. ?>
<?cs # What C made ready (cgi-bin/forms/render.c): f.kind, the label with
  its "(optional)", the hint with its limits, the source in words, the ids
  aria-describedby names and the input's attributes; each is tested once. ?>
<?cs def:aria(f) ?><?cs if:f.describedby ?> aria-describedby="<?cs var:f.describedby ?>"<?cs /if ?><?cs if:f.error ?> aria-invalid="true"<?cs /if ?><?cs /def ?>
<?cs def:field_notes(f) ?>
<?cs if:f.hint ?><p class="hint" id="<?cs var:f.key ?>-hint"><?cs var:f.hint ?></p><?cs /if ?>
<?cs if:f.source ?><p class="source" id="<?cs var:f.key ?>-source"><?cs var:f.source ?></p><?cs /if ?>
<?cs if:f.error ?><p class="field-error" id="<?cs var:f.key ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:f.error ?></p><?cs /if ?>
<?cs /def ?>
<?cs def:input_attrs(f) ?><?cs if:f.inputmode ?> inputmode="<?cs var:f.inputmode ?>"<?cs /if ?><?cs if:f.maxlength ?> maxlength="<?cs var:f.maxlength ?>"<?cs /if ?><?cs if:f.autocomplete ?> autocomplete="<?cs var:f.autocomplete ?>"<?cs /if ?><?cs /def ?>

<?cs def:simple_field(f) ?>
<?cs if:f.kind == "text" ?><div class="field">
<label for="<?cs var:f.key ?>"><?cs var:f.label ?></label>
<?cs call:field_notes(f) ?>
<input type="<?cs var:f.input_type ?>" id="<?cs var:f.key ?>" name="<?cs var:f.key ?>" value="<?cs var:f.value ?>"<?cs call:input_attrs(f) ?><?cs call:aria(f) ?>>
<?cs if:f.localities ?><p class="small"><?cs var:f.localities ?></p><?cs /if ?>
</div>
<?cs elif:f.kind == "choices" ?><fieldset class="field" id="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<legend><?cs var:f.label ?></legend>
<?cs call:field_notes(f) ?>
<?cs each:o = f.options ?>
<div class="option"><input type="<?cs var:f.input_type ?>" id="<?cs var:f.key ?>-<?cs var:o.value ?>" name="<?cs var:f.key ?>" value="<?cs var:o.value ?>"<?cs if:o.checked ?> checked<?cs /if ?>> <label for="<?cs var:f.key ?>-<?cs var:o.value ?>"><?cs var:o.label ?></label></div>
<?cs /each ?>
</fieldset>
<?cs elif:f.kind == "yesno" ?><fieldset class="field" id="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<legend><?cs var:f.label ?></legend>
<?cs call:field_notes(f) ?>
<div class="option"><input type="radio" id="<?cs var:f.key ?>-yes" name="<?cs var:f.key ?>" value="yes"<?cs if:f.value == "yes" ?> checked<?cs /if ?>> <label for="<?cs var:f.key ?>-yes"><?cs var:Lang.form.yes ?></label></div>
<div class="option"><input type="radio" id="<?cs var:f.key ?>-no" name="<?cs var:f.key ?>" value="no"<?cs if:f.value == "no" ?> checked<?cs /if ?>> <label for="<?cs var:f.key ?>-no"><?cs var:Lang.form.no ?></label></div>
</fieldset>
<?cs elif:f.kind == "select" ?><div class="field">
<label for="<?cs var:f.key ?>"><?cs var:f.label ?></label>
<?cs call:field_notes(f) ?>
<select id="<?cs var:f.key ?>" name="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<option value=""><?cs var:Lang.form.choose ?></option>
<?cs each:o = f.options ?><option value="<?cs var:o.value ?>"<?cs if:o.checked ?> selected<?cs /if ?>><?cs var:o.label ?></option>
<?cs /each ?></select>
</div>
<?cs elif:f.kind == "address" ?><fieldset class="field address" id="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<legend><?cs var:f.label ?></legend>
<?cs call:field_notes(f) ?>
<?cs each:p = f.parts ?><div class="part part-<?cs name:p ?>">
<label for="<?cs var:p.key ?>"><?cs var:p.label ?></label>
<?cs if:p.error ?><p class="field-error" id="<?cs var:p.key ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:p.error ?></p><?cs /if ?>
<input type="text" id="<?cs var:p.key ?>" name="<?cs var:p.key ?>" value="<?cs var:p.value ?>"<?cs if:p.postcode ?> inputmode="numeric" maxlength="4"<?cs /if ?><?cs if:p.error ?> aria-invalid="true" aria-describedby="<?cs var:p.key ?>-error"<?cs /if ?>>
</div>
<?cs /each ?></fieldset>
<?cs elif:f.kind == "readonly" ?><div class="field readonly">
<label for="<?cs var:f.key ?>"><?cs var:f.label ?></label>
<?cs call:field_notes(f) ?>
<?cs # No name: nothing of it is posted; the server keeps its source's value. ?>
<input type="text" id="<?cs var:f.key ?>" value="<?cs var:f.value ?>" readonly<?cs call:aria(f) ?>>
<?cs if:!f.value ?><p class="small"><?cs var:Lang.form.readonly_missing ?></p><?cs /if ?>
</div>
<?cs elif:f.kind == "declaration" ?><div class="field declaration">
<?cs call:field_notes(f) ?>
<div class="option"><input type="checkbox" id="<?cs var:f.key ?>" name="<?cs var:f.key ?>" value="yes"<?cs if:f.value == "yes" ?> checked<?cs /if ?><?cs call:aria(f) ?>> <label for="<?cs var:f.key ?>"><?cs var:f.label ?></label></div>
</div>
<?cs elif:f.kind == "longtext" ?><div class="field">
<label for="<?cs var:f.key ?>"><?cs var:f.label ?></label>
<?cs call:field_notes(f) ?>
<textarea id="<?cs var:f.key ?>" name="<?cs var:f.key ?>" rows="6"<?cs call:input_attrs(f) ?><?cs call:aria(f) ?>><?cs var:f.value ?></textarea>
</div>
<?cs elif:f.kind == "pdf" && Page.files_apart ?><fieldset class="field files" id="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<legend><?cs var:f.label ?></legend>
<?cs call:field_notes(f) ?>
<p class="hint"><?cs var:f.limits ?></p>
<?cs # The form engine sends files on a page of their own: a file too big
  never costs the answers typed here (docs/decisions.md). ?>
<?cs if:f.count > 0 ?><ul class="files"><?cs each:a = f.files ?>
<li><a href="/forms/<?cs var:Dossier.id ?>/files/<?cs var:a.id ?>" download><?cs var:a.filename ?></a> (<?cs var:a.size ?> <?cs var:Lang.form.kb ?>)
<button type="submit" class="secondary" name="_action" value="delfile:<?cs var:a.id ?>"><?cs var:Lang.form.remove ?><span class="visually-hidden"> <?cs var:a.filename ?></span></button></li>
<?cs /each ?></ul><?cs else ?><p class="small"><?cs var:Lang.form.no_file ?></p><?cs /if ?>
<?cs if:f.can_attach ?><button type="submit" class="secondary" name="_action" value="attach:<?cs var:f.key ?>"><?cs var:Lang.form.attach ?><span class="visually-hidden"> — <?cs var:f.label ?></span></button><?cs /if ?>
</fieldset>
<?cs elif:f.kind == "pdf" ?><div class="field">
<?cs # A procedure's own program takes the files with the page. ?>
<label for="<?cs var:f.key ?>"><?cs var:f.label ?></label>
<?cs call:field_notes(f) ?>
<?cs if:f.count > 0 ?><ul class="files"><?cs each:a = f.files ?>
<li><?cs if:Kiosk ?><?cs var:a.filename ?><?cs else ?><a href="/forms/<?cs var:Dossier.id ?>/files/<?cs var:a.id ?>" download><?cs var:a.filename ?></a><?cs /if ?> (<?cs var:a.size ?> <?cs var:Lang.form.kb ?>)
<button type="submit" class="secondary" name="_action" value="delfile:<?cs var:a.id ?>"><?cs var:Lang.form.remove ?><span class="visually-hidden"> <?cs var:a.filename ?></span></button></li>
<?cs /each ?></ul><?cs /if ?>
<p class="hint"><?cs var:f.limits ?></p>
<input type="file" id="<?cs var:f.key ?>" name="<?cs var:f.key ?>" accept="application/pdf,.pdf"<?cs if:f.multiple ?> multiple<?cs /if ?><?cs call:aria(f) ?>>
<button type="submit" class="secondary" name="_action" value="upload"><?cs var:Lang.form.upload ?></button>
</div>
<?cs elif:f.kind == "appointment" ?><fieldset class="field appointment" id="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<legend><?cs var:f.label ?></legend>
<?cs call:field_notes(f) ?>
<?cs # lib/apptfield.c: the slot held, booked or lapsed, and a week of
  free slots whose buttons hold one (no JavaScript: each posts the page,
  saving what was typed). ?>
<?cs if:f.unavailable ?><p class="notice"><?cs var:Lang.appt.field.unavailable ?></p><?cs else ?>
<p><?cs var:f.type ?> (<?cs var:f.minutes ?> <?cs var:Lang.appt.minutes ?>) — <?cs var:f.office ?>, <?cs var:f.address ?></p>
<?cs if:f.access ?><p class="small"><?cs var:Lang.appt.access ?> <?cs var:f.access ?></p><?cs /if ?>
<?cs if:f.state == "held" ?><p class="appt-held"><strong><?cs var:f.when ?></strong> — <?cs var:Lang.appt.field.held ?> <?cs var:f.until ?>.</p>
<p class="small"><?cs var:Lang.appt.field.held_note ?></p>
<?cs elif:f.state == "booked" ?><p class="appt-held"><strong><?cs var:f.when ?></strong> — <?cs var:Lang.appt.status.booked ?></p>
<?cs elif:f.state == "lapsed" && f.gone ?><p><?cs var:Lang.appt.field.lapsed_taken ?> (<?cs var:f.when ?>)</p>
<?cs elif:f.state == "lapsed" ?><p><strong><?cs var:f.when ?></strong> — <?cs var:Lang.appt.field.lapsed ?></p>
<?cs /if ?>
<?cs if:f.week ?><p id="<?cs var:f.key ?>-week"><?cs if:f.state == "held" ?><?cs var:Lang.appt.field.another ?> <?cs /if ?><?cs var:Lang.appt.week ?> <?cs var:f.Week.first ?> – <?cs var:f.Week.last ?></p>
<?cs if:!f.Days.0.date ?><p><?cs var:Lang.appt.no_slot ?></p><?cs /if ?>
<?cs each:d = f.Days ?><div class="day">
<p class="day-label" id="<?cs var:f.key ?>-day-<?cs var:d.date ?>"><?cs var:d.label ?></p>
<ul class="slot-list" aria-labelledby="<?cs var:f.key ?>-day-<?cs var:d.date ?>">
<?cs each:s = d.slots ?><li><button type="submit" class="secondary" name="_action" value="slot:<?cs var:f.key ?>:<?cs var:s.start ?>" aria-label="<?cs var:d.label ?> <?cs var:s.time ?>"><?cs var:s.time ?></button></li>
<?cs /each ?></ul>
</div>
<?cs /each ?>
<ul class="pager">
<?cs if:f.Week.prev ?><li><button type="submit" class="link-like" name="_action" value="week:<?cs var:f.key ?>:<?cs var:f.Week.prev ?>"><?cs var:Lang.appt.prev_week ?></button></li><?cs /if ?>
<?cs if:f.Week.next ?><li><button type="submit" class="link-like" name="_action" value="week:<?cs var:f.key ?>:<?cs var:f.Week.next ?>"><?cs var:Lang.appt.next_week ?></button></li><?cs /if ?>
</ul>
<?cs /if ?><?cs /if ?>
</fieldset>
<?cs elif:f.kind == "section" ?><h3><?cs var:f.text ?></h3>
<?cs else ?><p class="notice"><?cs var:f.text ?></p>
<?cs /if ?>
<?cs /def ?>

<?cs def:field(f) ?>
<?cs if:f.kind == "group" && f.by_item ?><fieldset class="field group" id="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<legend><?cs var:f.label ?></legend>
<?cs call:field_notes(f) ?>
<p class="hint"><?cs var:Lang.form.items_intro ?></p>
<?cs if:f.count > 0 ?><ol class="items">
<?cs each:b = f.blocks ?><li id="<?cs var:f.key ?>-<?cs var:b.index ?>"><span class="item-words"><?cs var:f.label ?> <?cs var:b.number ?><?cs if:b.words ?>: <?cs var:b.words ?><?cs /if ?></span>
<?cs if:b.incomplete ?><strong class="field-error"><?cs var:Lang.form.item_incomplete ?></strong><?cs /if ?>
<a href="/forms/<?cs var:Dossier.id ?>/pages/<?cs var:url_escape(Page.id) ?>/items/<?cs var:f.key ?>/<?cs var:b.number ?>"><?cs var:Lang.form.item_change ?><span class="visually-hidden"> <?cs var:f.label ?> <?cs var:b.number ?></span></a>
<button type="submit" class="secondary" name="_action" value="remove:<?cs var:f.key ?>:<?cs var:b.index ?>"><?cs var:Lang.form.remove_block ?><span class="visually-hidden"> <?cs var:f.label ?> <?cs var:b.number ?></span></button></li>
<?cs /each ?></ol><?cs /if ?>
<?cs if:f.can_add ?><button type="submit" class="secondary" name="_action" value="add:<?cs var:f.key ?>"><?cs var:Lang.form.add_block ?><span class="visually-hidden"> — <?cs var:f.label ?></span></button><?cs /if ?>
</fieldset>
<?cs elif:f.kind == "group" ?><fieldset class="field group" id="<?cs var:f.key ?>"<?cs call:aria(f) ?>>
<legend><?cs var:f.label ?></legend>
<?cs call:field_notes(f) ?>
<input type="hidden" name="<?cs var:f.key ?>._blocks" value="<?cs var:f.count ?>">
<?cs each:b = f.blocks ?><fieldset class="block" id="<?cs var:f.key ?>-<?cs var:b.index ?>">
<legend><?cs var:f.label ?> <?cs var:b.number ?></legend>
<?cs each:g = b.fields ?><?cs call:simple_field(g) ?><?cs /each ?>
<button type="submit" class="secondary" name="_action" value="remove:<?cs var:f.key ?>:<?cs var:b.index ?>"><?cs var:Lang.form.remove_block ?><span class="visually-hidden"> <?cs var:f.label ?> <?cs var:b.number ?></span></button>
</fieldset>
<?cs /each ?>
<?cs if:f.can_add ?><button type="submit" class="secondary" name="_action" value="add:<?cs var:f.key ?>"><?cs var:Lang.form.add_block ?></button><?cs /if ?>
</fieldset>
<?cs else ?><?cs call:simple_field(f) ?><?cs /if ?>
<?cs /def ?>

<?cs def:steps() ?>
<p class="progress"><?cs var:Lang.form.step ?> <?cs var:Progress.step ?> <?cs var:Lang.form.of ?> <?cs var:Progress.total ?></p>
<nav class="steps" aria-label="<?cs var:Lang.form.steps ?>"><ol>
<?cs each:s = Steps ?><li><?cs if:s.current ?><span aria-current="step"><?cs var:s.title ?></span><?cs else ?><a href="/forms/<?cs var:Dossier.id ?>/pages/<?cs var:url_escape(s.id) ?>"><?cs var:s.title ?></a><?cs /if ?></li>
<?cs /each ?><li><?cs if:Progress.step == Progress.total ?><span aria-current="step"><?cs var:Lang.form.summary_title ?></span><?cs else ?><a href="/forms/<?cs var:Dossier.id ?>/summary"><?cs var:Lang.form.summary_title ?></a><?cs /if ?></li>
</ol></nav>
<?cs /def ?>


<?cs def:answers(edit) ?>
<?cs each:p = Summary ?><section class="answers">
<h2><?cs var:p.title ?></h2>
<dl class="summary">
<?cs each:row = p.rows ?><div class="row<?cs if:row.problem ?> problem<?cs /if ?>"><dt><?cs var:row.label ?></dt>
<dd><?cs if:row.value ?><?cs var:row.value ?><?cs else ?><span class="small"><?cs var:Lang.form.not_answered ?></span><?cs /if ?>
<?cs if:row.problem ?><p class="field-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:row.problem ?></p><?cs /if ?></dd>
<?cs if:edit && !row.readonly ?><dd class="change"><a href="/forms/<?cs var:Dossier.id ?>/pages/<?cs var:url_escape(p.id) ?><?cs var:row.item ?>?check=1#<?cs var:row.key ?>"><?cs var:Lang.form.change ?><span class="visually-hidden"> <?cs var:row.label ?></span></a></dd><?cs /if ?>
</div>
<?cs /each ?></dl>
</section>
<?cs /each ?>
<?cs if:Annexes.0.label ?><h2><?cs var:Lang.form.annexes ?></h2>
<ul class="files">
<?cs each:a = Annexes ?><li><?cs var:a.label ?>:
<?cs if:a.count > 0 ?><?cs each:x = a.files ?><a href="<?cs var:Dossier.files ?>/<?cs var:x.id ?>" download><?cs var:x.filename ?></a> (<?cs var:x.size ?> <?cs var:Lang.form.kb ?>) <?cs /each ?><?cs elif:a.required == "1" ?><strong class="field-error"><?cs var:Lang.form.annex_missing ?></strong><?cs else ?><?cs var:Lang.form.not_answered ?><?cs /if ?>
</li>
<?cs /each ?></ul><?cs /if ?>
<?cs /def ?>
<?cs # A page of questions and its buttons, posted to base + dossier + sep + page (the form engine, or a procedure's own program); multipart only where its files travel with it. ?>
<?cs def:questions_form(base, sep) ?><form method="post" action="<?cs var:base ?><?cs var:Dossier.id ?><?cs var:sep ?><?cs var:url_escape(Page.id) ?>"<?cs if:!Page.files_apart ?> enctype="multipart/form-data"<?cs /if ?> novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs # The first button answers the Enter key: it goes on. ?>
<button type="submit" name="_action" value="next" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.form.continue ?></button>
<?cs each:f = Fields ?><?cs call:field(f) ?><?cs /each ?>
<div class="buttons">
<button type="submit" name="_action" value="next"><?cs var:Lang.form.continue ?></button>
<button type="submit" name="_action" value="back" class="secondary"><?cs var:Lang.form.back ?></button>
<button type="submit" name="_action" value="save" class="link-like"><?cs var:Lang.form.save_leave ?></button>
</div>
</form><?cs /def ?>
<?cs # The summary's end: how to send (or the step-up to the procedure's
     login level), base and Dossier.id naming where it posts, text what the
     sending does, an extra hidden field when hidden is not empty; then
     the draft's deletion. ?>
<?cs def:send_form(base, text, hidden, hidden_value) ?><h2><?cs var:Lang.form.sign_title ?></h2>
<?cs if:Submit.step_up ?>
<p class="notice"><?cs var:Lang.form.step_up ?></p>
<p><a class="button" href="<?cs var:Submit.step_up ?>"><?cs var:Lang.form.step_up_link ?></a></p>
<?cs else ?>
<p><?cs var:text ?></p>
<form method="post" action="<?cs var:base ?><?cs var:Dossier.id ?>/submit">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="submit_key" value="<?cs var:Submit.key ?>">
<?cs if:hidden ?><input type="hidden" name="<?cs var:hidden ?>" value="<?cs var:hidden_value ?>">
<?cs /if ?><button type="submit"><?cs if:Fee.due == "submission" ?><?cs var:Lang.payment.pay_button ?><?cs else ?><?cs var:Lang.form.sign_button ?><?cs /if ?></button>
</form>
<?cs /if ?><?cs /def ?>
<?cs def:delete_form() ?><form method="post" action="/forms/<?cs var:Dossier.id ?>/delete" class="delete">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit" class="warning"><?cs var:Lang.form.delete ?></button>
</form><?cs /def ?>
<?cs # A fee's lines and total (Fee.*, lib/paydossier.c). ?>
<?cs def:fee_table() ?><table class="fee">
<thead><tr><th scope="col"><?cs var:Lang.payment.line ?></th><th scope="col"><?cs var:Lang.payment.quantity ?></th><th scope="col"><?cs var:Lang.payment.line_amount ?></th></tr></thead>
<tbody><?cs each:l = Fee.lines ?><tr><td><?cs var:l.label ?></td><td><?cs var:l.quantity ?></td><td><?cs var:l.amount ?></td></tr>
<?cs /each ?></tbody>
<tfoot><tr><th scope="row" colspan="2"><?cs var:Lang.payment.total ?></th><td class="fee-total"><?cs var:Fee.total ?></td></tr></tfoot>
</table><?cs /def ?>
