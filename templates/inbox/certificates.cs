<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.certs.inbox.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li></ol></nav>
<h1><?cs var:Lang.certs.inbox.title ?></h1>
<p><?cs var:Lang.certs.inbox.intro ?> <a href="/inbox/certificates/figures"><?cs var:Lang.certs.inbox.figures ?></a> · <a href="/inbox/certificates/post"><?cs var:Lang.certs.post.title ?></a></p>
<?cs if:subcount(Waiting) == 0 ?><p><?cs var:Lang.certs.inbox.none ?></p>
<?cs else ?><table>
<caption class="visually-hidden"><?cs var:Lang.certs.inbox.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.certs.reference ?></th><th scope="col"><?cs var:Lang.certs.certificate ?></th><th scope="col"><?cs var:Lang.certs.inbox.person ?></th><th scope="col"><?cs var:Lang.certs.asked ?></th><th scope="col"><?cs var:Lang.inboxpay.payment ?></th></tr></thead>
<tbody><?cs each:w = Waiting ?><tr><td><a href="/inbox/certificates/<?cs var:w.id ?>" class="reference"><?cs var:w.reference ?></a></td><td><?cs var:w.title ?></td><td><?cs var:w.person ?></td><td><?cs var:w.at ?></td><td><?cs if:w.pay_status ?><span class="tag pay-<?cs var:w.pay_status ?>"><?cs var:Lang.inboxpay.status[w.pay_status] ?></span> <?cs var:w.pay_amount ?><?cs else ?><span class="small"><?cs var:Lang.inboxpay.none_short ?></span><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<h2><?cs var:Lang.certs.inbox.recent ?></h2>
<?cs if:subcount(Recent) > 0 ?><table>
<caption class="visually-hidden"><?cs var:Lang.certs.inbox.recent ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.certs.reference ?></th><th scope="col"><?cs var:Lang.certs.certificate ?></th><th scope="col"><?cs var:Lang.certs.inbox.person ?></th><th scope="col"><?cs var:Lang.certs.status_col ?></th><th scope="col"><?cs var:Lang.inboxpay.payment ?></th></tr></thead>
<tbody><?cs each:w = Recent ?><tr><td><a href="/inbox/certificates/<?cs var:w.id ?>" class="reference"><?cs var:w.reference ?></a></td><td><?cs var:w.title ?></td><td><?cs var:w.person ?></td><td><?cs if:w.revoked == "t" ?><?cs var:Lang.certs.status.revoked ?><?cs else ?><?cs var:Lang.certs.status.issued ?> <?cs var:w.at ?> (<?cs if:w.automatic == "t" ?><?cs var:Lang.certs.inbox.automatic ?><?cs else ?><?cs var:Lang.certs.inbox.checked ?><?cs /if ?>)<?cs /if ?></td><td><?cs if:w.pay_status ?><span class="tag pay-<?cs var:w.pay_status ?>"><?cs var:Lang.inboxpay.status[w.pay_status] ?></span> <?cs var:w.pay_amount ?><?cs else ?><span class="small"><?cs var:Lang.inboxpay.none_short ?></span><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs call:page_end() ?>
