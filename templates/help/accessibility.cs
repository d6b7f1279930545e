<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.legal.accessibility_title) ?>
<?cs call:breadcrumb_help() ?></ol></nav>
<article class="legal">
<h1><?cs var:Lang.legal.accessibility_title ?></h1>
<p class="lead"><?cs call:legal_publisher() ?> <?cs var:Lang.legal.accessibility.intro ?></p>
<h2><?cs var:Lang.legal.accessibility.status_title ?></h2>
<p><?cs var:Lang.legal.accessibility.status ?></p>
<h2><?cs var:Lang.legal.accessibility.gaps_title ?></h2>
<ul>
<li><?cs var:Lang.legal.accessibility.gap_pdf ?></li>
<li><?cs var:Lang.legal.accessibility.gap_annexes ?></li>
<li><?cs var:Lang.legal.accessibility.gap_eid ?></li>
</ul>
<h2><?cs var:Lang.legal.accessibility.method_title ?></h2>
<p><?cs var:Lang.legal.accessibility.method_date ?> <time datetime="<?cs var:Legal.accessibility_reviewed ?>"><?cs var:Legal.accessibility_reviewed ?></time>. <?cs var:Lang.legal.accessibility.method ?></p>
<h2><?cs var:Lang.legal.accessibility.feedback_title ?></h2>
<p><?cs var:Lang.legal.accessibility.feedback ?></p>
<?cs if:Legal.accessibility_email ?><p><a href="mailto:<?cs var:Legal.accessibility_email ?>"><?cs var:Legal.accessibility_email ?></a></p><?cs /if ?>
<h2><?cs var:Lang.legal.accessibility.enforcement_title ?></h2>
<p><?cs var:Lang.legal.accessibility.enforcement ?> <a href="<?cs var:Legal.ombudsman_url ?>"><?cs var:Legal.ombudsman_url ?></a>.</p>
</article>
<?cs call:page_end() ?>
