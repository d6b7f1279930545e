<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs call:page_start(Lang.form.summary_title + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:steps() ?>
<h1><?cs var:Lang.form.summary_title ?></h1>
<?cs if:Submit.expired ?><div class="error-summary" role="alert"><p><?cs var:Submit.expired ?></p></div><?cs /if ?>
<?cs if:Problems.count > 0 ?><div class="error-summary" role="alert"><p><?cs var:Problems.count ?> <?cs var:Lang.form.problems ?></p></div><?cs /if ?>
<?cs call:answers(1) ?>
<?cs if:Problems.count == 0 ?>
<h2><?cs var:Lang.form.sign_title ?></h2>
<?cs if:Submit.step_up ?>
<p class="notice"><?cs var:Lang.form.step_up ?></p>
<p><a class="button" href="<?cs var:Submit.step_up ?>"><?cs var:Lang.form.step_up_link ?></a></p>
<?cs else ?>
<p><?cs var:Lang.form.sign_text ?></p>
<form method="post" action="/forms/<?cs var:Dossier.id ?>/submit">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="submit_key" value="<?cs var:Submit.key ?>">
<button type="submit"><?cs var:Lang.form.sign_button ?></button>
</form>
<?cs /if ?>
<?cs /if ?>
<form method="post" action="/forms/<?cs var:Dossier.id ?>/delete" class="delete">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit" class="warning"><?cs var:Lang.form.delete ?></button>
</form>
<?cs call:page_end() ?>
