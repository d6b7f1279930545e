<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.inbox.stats_title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li></ol></nav>
<h1><?cs var:Lang.inbox.stats_title ?></h1>
<?cs each:s = Stats ?><section>
<h2><?cs var:s.name ?></h2>
<table>
<caption><?cs var:Lang.inbox.stats_open ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inbox.figure ?></th><th scope="col"><?cs var:Lang.inbox.count ?></th></tr></thead>
<tbody>
<tr><th scope="row"><?cs var:Lang.dossier.status.soumis ?></th><td><?cs var:s.open.0.soumis ?></td></tr>
<tr><th scope="row"><?cs var:Lang.dossier.status.receptionne ?></th><td><?cs var:s.open.0.receptionne ?></td></tr>
<tr><th scope="row"><?cs var:Lang.dossier.status.en_traitement ?></th><td><?cs var:s.open.0.en_traitement ?></td></tr>
<tr><th scope="row"><?cs var:Lang.inbox.stats_waiting ?></th><td><?cs var:s.open.0.waiting ?></td></tr>
<tr><th scope="row"><?cs var:Lang.inbox.stats_unassigned ?></th><td><?cs var:s.open.0.unassigned ?></td></tr>
</tbody></table>
<table class="deadlines">
<caption><?cs var:Lang.deadline.stats.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inbox.figure ?></th><th scope="col"><?cs var:Lang.inbox.count ?></th></tr></thead>
<tbody>
<tr><th scope="row"><a href="/inbox?queue=all&amp;due=past&amp;sort=due"><?cs var:Lang.deadline.stats.past ?></a></th><td class="due-past"><?cs var:s.open.0.due_past ?></td></tr>
<tr><th scope="row"><a href="/inbox?queue=all&amp;due=near&amp;sort=due"><?cs var:Lang.deadline.stats.near ?></a></th><td class="due-near"><?cs var:s.open.0.due_near ?></td></tr>
<tr><th scope="row"><?cs var:Lang.deadline.stats.running ?></th><td class="due-running"><?cs var:s.open.0.due_running ?></td></tr>
</tbody></table>
<table>
<caption><?cs var:Lang.inbox.stats_closed ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inbox.figure ?></th><th scope="col"><?cs var:Lang.inbox.count ?></th></tr></thead>
<tbody>
<tr><th scope="row"><?cs var:Lang.dossier.status.cloture ?></th><td><?cs var:s.closed.0.count ?></td></tr>
<tr><th scope="row"><?cs var:Lang.inbox.stats_days ?></th><td><?cs var:s.closed.0.days ?></td></tr>
<tr><th scope="row"><?cs var:Lang.inbox.stats_waiting_days ?></th><td><?cs var:s.closed.0.waiting_days ?></td></tr>
</tbody></table>
</section>
<?cs /each ?>
<?cs call:page_end() ?>
