<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.help.questions_title) ?>
<?cs call:breadcrumb_help() ?></ol></nav>
<h1><?cs var:Lang.help.questions_title ?></h1>
<?cs if:Session.acting ?>
<p><?cs var:Lang.help.questions_acting ?> <a href="/login/acting?return=/help/questions"><?cs var:Lang.session.change_acting ?></a></p>
<?cs elif:subcount(Questions) == 0 ?>
<p><?cs var:Lang.help.questions_none ?></p>
<?cs else ?>
<table>
<caption class="visually-hidden"><?cs var:Lang.help.questions_title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.help.reference ?></th><th scope="col"><?cs var:Lang.help.field.subject ?></th><th scope="col"><?cs var:Lang.help.asked ?></th><th scope="col"><?cs var:Lang.help.state ?></th></tr></thead>
<tbody>
<?cs each:q = Questions ?><tr><td><a href="/help/questions/<?cs var:url_escape(q.reference) ?>"><?cs var:q.reference ?></a></td><td><?cs var:q.subject ?></td><td><?cs var:q.asked ?></td><td><?cs if:q.answered ?><strong class="tag"><?cs var:Lang.help.state_answered ?></strong><?cs else ?><?cs var:Lang.help.state_open ?><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs /if ?>
<p><a href="/help/contact"><?cs var:Lang.help.contact_link ?></a></p>
<?cs call:page_end() ?>
