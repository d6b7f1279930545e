<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.certs.post.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li><li><a href="/inbox/certificates"><?cs var:Lang.certs.inbox.title ?></a></li></ol></nav>
<h1><?cs var:Lang.certs.post.title ?></h1>
<?cs if:Batch.posted ?><p class="notice" role="status" id="posted"><?cs var:Lang.certs.post.done ?> <?cs var:Batch.posted ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<p><?cs var:Lang.certs.post.intro ?></p>
<?cs if:subcount(Post) == 0 ?><p id="none"><?cs var:Lang.certs.post.none ?></p>
<?cs else ?>
<p><a href="/inbox/certificates/post/sheets.pdf?upto=<?cs var:Batch.upto ?>" id="sheets"><?cs var:Lang.certs.post.sheets ?></a> (<?cs var:subcount(Post) ?>)</p>
<table>
<caption class="visually-hidden"><?cs var:Lang.certs.post.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.certs.reference ?></th><th scope="col"><?cs var:Lang.certs.certificate ?></th><th scope="col"><?cs var:Lang.certs.post.address ?></th><th scope="col"><?cs var:Lang.certs.status.issued ?></th><th scope="col"><?cs var:Lang.certs.post.actions ?></th></tr></thead>
<tbody><?cs each:w = Post ?><tr><td><a href="/inbox/certificates/<?cs var:w.id ?>" class="reference"><?cs var:w.reference ?></a></td><td><?cs var:w.title ?></td>
<td class="address"><?cs var:w.name ?><br><?cs var:w.street ?><br><?cs var:w.town ?><?cs if:w.country ?><br><?cs var:w.country ?><?cs /if ?></td><td><?cs var:w.issued ?></td>
<td><a href="/inbox/certificates/<?cs var:w.id ?>/pdf" target="_blank" rel="noopener"><?cs var:Lang.certs.post.print ?><span class="visually-hidden"> <?cs var:w.reference ?></span></a>
<form method="post" action="/inbox/certificates/post"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><input type="hidden" name="id" value="<?cs var:w.id ?>"><input type="hidden" name="posted_on" value="<?cs var:Form.posted_on.value ?>">
<button type="submit"><?cs var:Lang.certs.post.posted_one ?><span class="visually-hidden"> <?cs var:w.reference ?></span></button></form></td></tr>
<?cs /each ?></tbody></table>
<form method="post" action="/inbox/certificates/post" novalidate><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><input type="hidden" name="upto" value="<?cs var:Batch.upto ?>">
<div class="field"><label for="posted_on"><?cs var:Lang.certs.post.day ?></label>
<?cs if:Form.posted_on.error ?><p class="field-error" id="posted_on-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.posted_on.error ?></p><?cs /if ?>
<input type="text" id="posted_on" name="posted_on" value="<?cs var:Form.posted_on.value ?>" maxlength="10" autocomplete="off"<?cs if:Form.posted_on.error ?> aria-invalid="true" aria-describedby="posted_on-error"<?cs /if ?>></div>
<button type="submit"><?cs var:Lang.certs.post.posted_all ?></button></form>
<?cs /if ?>
<?cs call:page_end() ?>
