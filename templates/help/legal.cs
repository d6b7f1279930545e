<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.legal.notice_title) ?>
<?cs call:breadcrumb_help() ?></ol></nav>
<article class="legal">
<h1><?cs var:Lang.legal.notice_title ?></h1>
<h2><?cs var:Lang.legal.notice.publisher_title ?></h2>
<p><?cs var:Lang.legal.notice.publisher ?> <?cs call:legal_publisher() ?></p>
<?cs if:Legal.bce ?><p><?cs var:Lang.legal.notice.bce ?> <?cs var:Legal.bce ?></p><?cs /if ?>
<?cs if:Legal.email ?><p><?cs var:Lang.legal.notice.contact ?> <a href="mailto:<?cs var:Legal.email ?>"><?cs var:Legal.email ?></a></p><?cs /if ?>
<?cs if:Legal.hosting ?><h2><?cs var:Lang.legal.notice.hosting_title ?></h2>
<p><?cs var:Lang.legal.notice.hosting ?> <?cs var:Legal.hosting ?></p><?cs /if ?>
<h2><?cs var:Lang.legal.notice.liability_title ?></h2>
<p><?cs var:Lang.legal.notice.liability ?></p>
<h2><?cs var:Lang.legal.notice.ip_title ?></h2>
<p><?cs var:Lang.legal.notice.ip ?></p>
<h2><?cs var:Lang.legal.notice.more_title ?></h2>
<ul>
<li><a href="/help/privacy"><?cs var:Lang.legal.privacy_title ?></a></li>
<li><a href="/help/accessibility"><?cs var:Lang.legal.accessibility_title ?></a></li>
</ul>
</article>
<?cs call:page_end() ?>
