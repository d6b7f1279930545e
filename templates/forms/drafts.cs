<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.form.drafts_title) ?>
<h1><?cs var:Lang.form.drafts_title ?></h1>
<?cs if:Drafts.saved ?><p class="notice" role="status"><?cs var:Lang.form.drafts_saved ?></p><?cs /if ?>
<?cs if:Drafts.deleted ?><p class="notice" role="status"><?cs var:Lang.form.drafts_deleted ?></p><?cs /if ?>
<?cs if:!Drafts.0.id ?><p><?cs var:Lang.form.drafts_none ?></p>
<?cs else ?><table>
<thead><tr><th scope="col"><?cs var:Lang.receipt.procedure ?></th><th scope="col"><?cs var:Lang.form.state ?></th><th scope="col"><?cs var:Lang.form.updated ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.form.actions ?></span></th></tr></thead>
<tbody><?cs each:d = Drafts ?><tr>
<td><a href="/forms/<?cs var:d.id ?>/summary"><?cs var:d.title ?></a></td>
<td><?cs var:Lang.form.status[d.status] ?><?cs if:d.paying ?><br><a href="/forms/<?cs var:d.id ?>/payment"><?cs var:Lang.payment.paying ?> <?cs var:d.paying ?></a><?cs elif:d.due ?><br><?cs var:Lang.payment.due_on_sending ?> <?cs var:d.due ?><?cs /if ?></td>
<td><?cs var:d.updated_at ?></td>
<td><form method="post" action="/forms/<?cs var:d.id ?>/delete"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><button type="submit" class="warning"><?cs var:Lang.form.delete ?><span class="visually-hidden"> <?cs var:d.title ?></span></button></form></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<p><a href="/procedures"><?cs var:Lang.catalogue.title ?></a></p>
<?cs call:page_end() ?>
