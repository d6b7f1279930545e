<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs call:page_start(Page.title + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:steps() ?>
<h1><?cs var:Page.title ?></h1>
<?cs if:Page.expired ?><div class="error-summary" role="alert"><p><?cs var:Page.expired ?></p></div><?cs /if ?>
<?cs if:Page.prefill_failed ?><p class="notice" role="status"><?cs var:Lang.form.prefill_failed ?></p><?cs /if ?>
<?cs if:Page.revealed ?><p class="notice" role="status"><?cs var:Lang.form.revealed ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<form method="post" action="/forms/<?cs var:Dossier.id ?>/pages/<?cs var:url_escape(Page.id) ?>" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs # The first button answers the Enter key: it goes on. ?>
<button type="submit" name="_action" value="next" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.form.continue ?></button>
<?cs each:f = Fields ?><?cs call:field(f) ?><?cs /each ?>
<div class="buttons">
<button type="submit" name="_action" value="next"><?cs var:Lang.form.continue ?></button>
<button type="submit" name="_action" value="back" class="secondary"><?cs var:Lang.form.back ?></button>
<button type="submit" name="_action" value="save" class="link-like"><?cs var:Lang.form.save_leave ?></button>
</div>
</form>
<?cs call:page_end() ?>
