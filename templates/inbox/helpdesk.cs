<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.inbox.helpdesk.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li></ol></nav>
<h1><?cs var:Lang.inbox.helpdesk.title ?></h1>
<nav class="tabs" aria-label="<?cs var:Lang.inbox.helpdesk.states ?>"><ul>
<?cs each:s = Lang.inbox.helpdesk.state ?><li><?cs if:name(s) == Helpdesk.state ?><span aria-current="page"><?cs var:s ?></span><?cs else ?><a href="/inbox/helpdesk?state=<?cs var:name(s) ?>"><?cs var:s ?></a><?cs /if ?></li>
<?cs /each ?></ul></nav>
<?cs if:subcount(Questions) == 0 ?>
<p><?cs var:Lang.inbox.helpdesk.none ?></p>
<?cs else ?>
<table>
<caption class="visually-hidden"><?cs var:Lang.inbox.helpdesk.state[Helpdesk.state] ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.help.reference ?></th><th scope="col"><?cs var:Lang.help.asked ?></th><th scope="col"><?cs var:Lang.help.field.subject ?></th><th scope="col"><?cs var:Lang.help.field.theme ?></th><th scope="col"><?cs var:Lang.inbox.helpdesk.lang ?></th><?cs if:Helpdesk.state == "answered" ?><th scope="col"><?cs var:Lang.help.answered ?></th><?cs /if ?></tr></thead>
<tbody>
<?cs each:q = Questions ?><tr><td><a href="/inbox/helpdesk/<?cs var:url_escape(q.reference) ?>"><?cs var:q.reference ?></a></td><td><?cs var:q.asked ?></td><td><?cs var:q.subject ?></td><td><?cs var:q.theme ?></td><td><?cs var:Lang.langname[q.lang] ?></td><?cs if:Helpdesk.state == "answered" ?><td><?cs var:q.answered ?></td><?cs /if ?></tr>
<?cs /each ?></tbody>
</table>
<?cs /if ?>
<?cs call:page_end() ?>
