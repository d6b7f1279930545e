<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs # A PDF file for one field, on a page of its own: the answers of the
  form travel in other requests, so a file too big never costs them. ?>
<?cs call:page_start(Lang.form.attach_title + " — " + Attach.label) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:steps() ?>
<h1><?cs var:Lang.form.attach_title ?>: <?cs var:Attach.label ?></h1>
<?cs if:Page.expired ?><div class="error-summary" role="alert"><p><?cs var:Page.expired ?></p></div><?cs /if ?>
<?cs call:error_summary() ?>
<p><?cs var:Lang.form.attach_intro ?></p>
<?cs if:Attach.count > 0 ?><ul class="files"><?cs each:a = Attach.files ?>
<li><a href="/forms/<?cs var:Dossier.id ?>/files/<?cs var:a.id ?>" download><?cs var:a.filename ?></a> (<?cs var:a.size ?> <?cs var:Lang.form.kb ?>)</li>
<?cs /each ?></ul><?cs /if ?>
<form method="post" action="<?cs var:Attach.action ?>" enctype="multipart/form-data" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<div class="field">
<label for="<?cs var:Attach.key ?>"><?cs var:Attach.label ?></label>
<p class="hint" id="<?cs var:Attach.key ?>-hint"><?cs var:Attach.limits ?></p>
<?cs if:Attach.error ?><p class="field-error" id="<?cs var:Attach.key ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Attach.error ?></p><?cs /if ?>
<input type="file" id="<?cs var:Attach.key ?>" name="<?cs var:Attach.key ?>" accept="application/pdf,.pdf"<?cs if:Attach.multiple ?> multiple<?cs /if ?> aria-describedby="<?cs var:Attach.key ?>-hint<?cs if:Attach.error ?> <?cs var:Attach.key ?>-error<?cs /if ?>"<?cs if:Attach.error ?> aria-invalid="true"<?cs /if ?>>
</div>
<div class="buttons">
<button type="submit" name="_action" value="upload"><?cs var:Lang.form.upload ?></button>
<a href="<?cs var:Attach.back ?>"><?cs var:Lang.form.back_to_page ?></a>
</div>
</form>
<?cs call:page_end() ?>
