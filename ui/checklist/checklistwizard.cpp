// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/checklist/checklistwizard.h"

#include "checklist/steprunner.h"

#include "checklist/runreport.h"
#include "runbooks/runbookparser.h"
#include "safety/commandclassifier.h"
#include "ui/checklist/reasondialog.h"
#include "ui/checklist/runreportpdf.h"
#include "ui/dialogs/confirmdestructivedialog.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// The live pane keeps the tail of long output; the stored excerpt is bounded elsewhere.
constexpr qsizetype kLiveOutputLimit = 512 * 1024;

QString stateLabel(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return ChecklistWizard::tr("Pending");
    case StepState::Running:
        return ChecklistWizard::tr("Running");
    case StepState::Passed:
        return ChecklistWizard::tr("Passed");
    case StepState::Failed:
        return ChecklistWizard::tr("Failed");
    case StepState::Skipped:
        return ChecklistWizard::tr("Skipped");
    case StepState::DoneByHand:
        return ChecklistWizard::tr("Done by hand");
    case StepState::Interrupted:
        return ChecklistWizard::tr("Interrupted");
    }
    return {};
}

QColor stateColor(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return QColor(0x88, 0x88, 0x88);
    case StepState::Running:
        return QColor(0x1c, 0x71, 0xd8);
    case StepState::Passed:
        return QColor(0x26, 0xa2, 0x69);
    case StepState::Failed:
        return QColor(0xc0, 0x1c, 0x28);
    case StepState::Skipped:
        return QColor(0xc6, 0x8a, 0x00);
    case StepState::DoneByHand:
        return QColor(0x2e, 0x8b, 0x8b);
    case StepState::Interrupted:
        return QColor(0x93, 0x3d, 0xb8);
    }
    return {};
}

// A filled circle for running/finished states, a ring for pending: readable without colour.
QIcon stateIcon(StepState state)
{
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = stateColor(state);
    p.setPen(QPen(c, 2));
    p.setBrush(state == StepState::Pending ? QBrush(Qt::NoBrush) : QBrush(c));
    p.drawEllipse(QRectF(2, 2, 12, 12));
    if (state == StepState::Interrupted || state == StepState::Skipped) {
        p.setPen(QPen(Qt::white, 2));
        p.drawLine(QPointF(5, 8), QPointF(11, 8));
    }
    return QIcon(pm);
}

QString duration(qint64 secs)
{
    secs = qMax<qint64>(0, secs);
    const qint64 h = secs / 3600;
    const qint64 m = (secs % 3600) / 60;
    const qint64 s = secs % 60;
    const QString ms = u"%1:%2"_s.arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return h > 0 ? u"%1:"_s.arg(h) + ms : ms;
}

// Steps are often quicker than a second; "00:00" would read as "did nothing".
QString stepDuration(const QDateTime &start, const QDateTime &end)
{
    const qint64 ms = qMax<qint64>(0, start.msecsTo(end));
    if (ms < 1000)
        return ChecklistWizard::tr("%1 ms").arg(ms);
    if (ms < 60 * 1000)
        return ChecklistWizard::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    return duration(ms / 1000);
}

// What the step was held to, so a pass says what it proved, not just that it passed.
QStringList expectationsMet(const Step &step, const StepRecord &rec)
{
    QStringList met;
    const StepExpectations &e = step.expectations;
    if (rec.output.exitStatus) {
        met.append(ChecklistWizard::tr("exit status %1 (expected %2)")
                       .arg(*rec.output.exitStatus)
                       .arg(e.exitCode.value_or(0)));
    }
    if (rec.output.httpStatus) {
        met.append(e.httpStatus
                       ? ChecklistWizard::tr("HTTP %1 (expected %2)")
                             .arg(*rec.output.httpStatus)
                             .arg(*e.httpStatus)
                       : ChecklistWizard::tr("HTTP %1 (expected 2xx)").arg(*rec.output.httpStatus));
    }
    if (!e.regex.isEmpty())
        met.append(ChecklistWizard::tr("output matches “%1”").arg(e.regex));
    if (e.latencyMs)
        met.append(ChecklistWizard::tr("answered within %1 ms").arg(*e.latencyMs));
    if (!e.jsonPointerExpr.isEmpty())
        met.append(ChecklistWizard::tr("%1 holds").arg(e.jsonPointerExpr));
    return met;
}

QMap<QString, QString> textParameters(const ChecklistRun &run)
{
    QMap<QString, QString> values;
    for (const RunParameter &p : run.parameters()) {
        if (!p.secret)
            values.insert(p.name, p.value);
    }
    return values;
}

Classification classifyStep(const Step &step, const ChecklistRun &run, const Workspace &ws)
{
    ClassifyOptions options;
    options.parameters = textParameters(run);
    options.scratchTargets = ws.settings.scratchTargets;
    Classification c = step.language == u"sql"_s
                           ? CommandClassifier::classifySql(step.command, options)
                           : CommandClassifier::classify(step.command, options);
    // A runbook's own destructive mark counts even where the classifier sees nothing.
    if (step.destructive && !c.isDestructive()) {
        c.level = SafetyLevel::Destructive;
        c.reasons += step.destructiveReasons.isEmpty()
                         ? QStringList{ChecklistWizard::tr("The runbook marks this step as "
                                                           "destructive.")}
                         : step.destructiveReasons;
    }
    return c;
}

} // namespace

ChecklistWizard::ChecklistWizard(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_progress(new QLabel(this))
    , m_steps(new QListWidget(this))
    , m_stepTitle(new QLabel(this))
    , m_target(new QLabel(this))
    , m_explanation(new QTextBrowser(this))
    , m_command(new QPlainTextEdit(this))
    , m_parameters(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_onFailure(new QTextBrowser(this))
    , m_outputView(new QPlainTextEdit(this))
    , m_notes(new QLabel(this))
    , m_hostOutcomes(new QLabel(this))
    , m_elapsed(new QLabel(this))
    , m_error(new QLabel(this))
    , m_runButton(new QPushButton(tr("&Run"), this))
    , m_doneButton(new QPushButton(tr("Mark &done"), this))
    , m_skipButton(new QPushButton(tr("S&kip…"), this))
    , m_noteButton(new QPushButton(tr("Add &note…"), this))
    , m_retryButton(new QPushButton(tr("Re&try"), this))
    , m_nextButton(new QPushButton(tr("Ne&xt step"), this))
    , m_signOffName(new QLineEdit(this))
    , m_signOffButton(new QPushButton(tr("&Sign off"), this))
    , m_exportMarkdown(new QPushButton(tr("Export &Markdown…"), this))
    , m_exportPdf(new QPushButton(tr("Export &PDF…"), this))
    , m_back(new QPushButton(tr("&Back to runbooks"), this))
    , m_ticker(new QTimer(this))
{
    setObjectName(u"checklistWizard"_s);
    buildUi();
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &ChecklistWizard::refreshTimes);
    refreshButtons();
}

ChecklistWizard::~ChecklistWizard() = default;

void ChecklistWizard::buildUi()
{
    m_title->setObjectName(u"wizardTitle"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_progress->setObjectName(u"wizardProgress"_s);
    m_elapsed->setObjectName(u"elapsedLabel"_s);

    m_steps->setObjectName(u"stepList"_s);
    m_steps->setMinimumWidth(260);
    m_steps->setWordWrap(true);
    m_steps->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_steps->setSpacing(1);
    m_steps->setAccessibleName(tr("Steps"));
    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_selected)
            selectStep(row);
    });

    m_stepTitle->setObjectName(u"stepTitle"_s);
    QFont bold = m_stepTitle->font();
    bold.setBold(true);
    m_stepTitle->setFont(bold);
    m_stepTitle->setWordWrap(true);
    m_target->setObjectName(u"stepTarget"_s);
    m_explanation->setObjectName(u"stepExplanation"_s);
    m_explanation->setOpenExternalLinks(true);
    m_explanation->setMinimumHeight(80);
    m_command->setObjectName(u"stepCommand"_s);
    m_command->setReadOnly(true);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_command->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_command->setTabChangesFocus(true);
    m_parameters->setObjectName(u"stepParameters"_s);
    m_parameters->setWordWrap(true);
    m_verdict->setObjectName(u"stepVerdict"_s);
    m_verdict->setWordWrap(true);
    // The outcome is what the user stays on the step to read: make it the line that stands out.
    m_verdict->setFont(bold);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_onFailure->setObjectName(u"onFailure"_s);
    m_onFailure->setMaximumHeight(110);
    m_onFailure->hide();
    m_outputView->setObjectName(u"outputPane"_s);
    m_outputView->setReadOnly(true);
    m_outputView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_outputView->setTabChangesFocus(true);
    m_outputView->setPlaceholderText(tr("Output appears here while the step runs."));
    m_hostOutcomes->setObjectName(u"stepHostOutcomes"_s);
    m_hostOutcomes->setWordWrap(true);
    m_hostOutcomes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hostOutcomes->setVisible(false);
    m_notes->setObjectName(u"stepNotes"_s);
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(u"wizardError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_runButton->setObjectName(u"runButton"_s);
    m_doneButton->setObjectName(u"markDoneButton"_s);
    m_skipButton->setObjectName(u"skipButton"_s);
    m_noteButton->setObjectName(u"noteButton"_s);
    m_retryButton->setObjectName(u"retryButton"_s);
    m_nextButton->setObjectName(u"wizardNext"_s);
    // Default, so it looks like the way forward and Enter presses it; keyPressEvent() gives
    // it the Enter that the step list and the read-only panes leave unused.
    m_nextButton->setDefault(true);
    connect(m_nextButton, &QPushButton::clicked, this, &ChecklistWizard::nextOpenStep);
    m_signOffName->setObjectName(u"signOffName"_s);
    m_signOffName->setPlaceholderText(tr("Your name, to sign off"));
    m_signOffButton->setObjectName(u"signOffButton"_s);
    m_exportMarkdown->setObjectName(u"exportMarkdownButton"_s);
    m_exportPdf->setObjectName(u"exportPdfButton"_s);
    m_back->setObjectName(u"backButton"_s);

    // Shortcuts live on the wizard, so they work wherever the focus is inside it and never
    // while another page is shown.
    struct Binding
    {
        QPushButton *button;
        QKeySequence keys;
        void (ChecklistWizard::*slot)();
    };
    const Binding bindings[] = {
        {m_runButton, QKeySequence(Qt::CTRL | Qt::Key_Return), &ChecklistWizard::runSelected},
        {m_doneButton, QKeySequence(Qt::CTRL | Qt::Key_D), &ChecklistWizard::markSelectedDone},
        {m_skipButton, QKeySequence(Qt::CTRL | Qt::Key_K), &ChecklistWizard::skipSelected},
        {m_noteButton, QKeySequence(Qt::CTRL | Qt::Key_N), &ChecklistWizard::addNoteToSelected},
        {m_retryButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
         &ChecklistWizard::retrySelected},
        {m_signOffButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
         &ChecklistWizard::signOff},
    };
    for (const Binding &b : bindings) {
        auto *action = new QAction(this);
        action->setShortcut(b.keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        // The action only fires what the button would: a disabled button means no.
        connect(action, &QAction::triggered, b.button, [btn = b.button] {
            if (btn->isEnabled())
                btn->click();
        });
        connect(b.button, &QPushButton::clicked, this, b.slot);
        b.button->setToolTip(b.keys.toString(QKeySequence::NativeText));
    }
    // Enter in the step list also runs, as Ctrl+Enter's numeric-keypad twin.
    auto *runEnter = new QAction(this);
    runEnter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter));
    runEnter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(runEnter);
    connect(runEnter, &QAction::triggered, m_runButton, [this] {
        if (m_runButton->isEnabled())
            m_runButton->click();
    });
    auto addNav = [this](QKeySequence keys, void (ChecklistWizard::*slot)()) {
        auto *a = new QAction(this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        connect(a, &QAction::triggered, this, slot);
    };
    addNav(QKeySequence(Qt::ALT | Qt::Key_Down), &ChecklistWizard::nextStep);
    addNav(QKeySequence(Qt::ALT | Qt::Key_Up), &ChecklistWizard::previousStep);
    auto exportAction = [this](QKeySequence keys, QPushButton *button, bool pdf) {
        auto *a = new QAction(this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        connect(a, &QAction::triggered, button, [button] {
            if (button->isEnabled())
                button->click();
        });
        connect(button, &QPushButton::clicked, this, [this, pdf] { exportWithDialog(pdf); });
        button->setToolTip(keys.toString(QKeySequence::NativeText));
    };
    exportAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), m_exportMarkdown, false);
    exportAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), m_exportPdf, true);
    connect(m_back, &QPushButton::clicked, this, &ChecklistWizard::closeRequested);
    connect(m_signOffName, &QLineEdit::textChanged, this, &ChecklistWizard::refreshButtons);
    connect(m_signOffName, &QLineEdit::returnPressed, m_signOffButton, [this] {
        if (m_signOffButton->isEnabled())
            m_signOffButton->click();
    });

    // Layout: header, then the step list beside the current step, then sign-off.
    auto *outer = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_progress);
    header->addSpacing(12);
    header->addWidget(m_elapsed);
    outer->addLayout(header);
    outer->addWidget(m_error);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_steps);
    auto *detail = new QWidget(split);
    auto *dl = new QVBoxLayout(detail);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_stepTitle);
    dl->addWidget(m_target);
    dl->addWidget(m_explanation, 1);
    dl->addWidget(m_command);
    dl->addWidget(m_parameters);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_runButton, m_doneButton, m_skipButton, m_noteButton, m_retryButton})
        buttons->addWidget(b);
    buttons->addStretch(1);
    dl->addLayout(buttons);
    // Next sits beside the verdict it follows, which also keeps the button row narrow
    // enough for the window's smallest size.
    auto *verdictRow = new QHBoxLayout;
    verdictRow->addWidget(m_verdict, 1);
    verdictRow->addWidget(m_nextButton, 0, Qt::AlignTop);
    dl->addLayout(verdictRow);
    dl->addWidget(m_onFailure);
    dl->addWidget(m_outputView, 3);
    dl->addWidget(m_hostOutcomes);
    dl->addWidget(m_notes);
    // Takes the spare height only when nothing stretchable is shown (a manual check without
    // explanation), so the buttons stay under the title instead of floating mid-pane.
    dl->addStretch(0);
    split->addWidget(detail);
    split->setStretchFactor(1, 1);
    split->setSizes({340, 900});
    outer->addWidget(split, 1);

    auto *keys = new QLabel(tr("Ctrl+Enter run · Enter next open step · Ctrl+D done · "
                               "Ctrl+K skip · Ctrl+N note · Ctrl+Shift+R retry · "
                               "Alt+↑/↓ previous/next step · Ctrl+Shift+S sign off"),
                            this);
    keys->setObjectName(u"shortcutHelp"_s);
    keys->setWordWrap(true);
    QPalette kp = keys->palette();
    kp.setColor(QPalette::WindowText, kp.color(QPalette::PlaceholderText));
    keys->setPalette(kp);
    outer->addWidget(keys);

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_back);
    footer->addStretch(1);
    footer->addWidget(m_signOffName);
    footer->addWidget(m_signOffButton);
    footer->addSpacing(12);
    footer->addWidget(m_exportMarkdown);
    footer->addWidget(m_exportPdf);
    outer->addLayout(footer);

    // Focus follows the work: list, actions, output, then sign-off and export.
    setTabOrder(m_steps, m_runButton);
    setTabOrder(m_runButton, m_doneButton);
    setTabOrder(m_doneButton, m_skipButton);
    setTabOrder(m_skipButton, m_noteButton);
    setTabOrder(m_noteButton, m_retryButton);
    setTabOrder(m_retryButton, m_nextButton);
    setTabOrder(m_nextButton, m_explanation);
    setTabOrder(m_explanation, m_command);
    setTabOrder(m_command, m_outputView);
    setTabOrder(m_outputView, m_signOffName);
    setTabOrder(m_signOffName, m_signOffButton);
    setTabOrder(m_signOffButton, m_exportMarkdown);
    setTabOrder(m_exportMarkdown, m_exportPdf);
    setTabOrder(m_exportPdf, m_back);
    setFocusProxy(m_steps);
}

void ChecklistWizard::setRun(const ChecklistRun &run, const Runbook &runbook,
                             const Workspace &workspace, bool readOnly)
{
    if (m_reasonDialog)
        m_reasonDialog->reject();
    if (m_confirmDialog)
        m_confirmDialog->reject();
    // The runner finishes its step in the run shown here; replacing the run under it
    // would put that outcome on another run's step.
    if (m_runner && m_runner->isBusy()) {
        showError(Error{u"checklist.busy"_s,
                        tr("A step of this run is still running; wait for it to finish before "
                           "opening another run."),
                        {}});
        return;
    }
    m_run = run;
    m_runbook = runbook;
    m_workspace = workspace;
    if (m_runner) {
        m_runner->setWorkspace(workspace);
        m_runner->setRunbook(runbook);
    }
    m_readOnly = readOnly;
    m_hasRun = true;
    m_output.clear();
    m_secretValues.clear();
    m_selected = qBound(0, run.currentStep(), qMax(0, run.stepCount() - 1));
    clearError();
    const bool production = workspace.isProduction(run.environment());
    QString title = tr("%1 — %2").arg(run.runbookTitle(), run.environment());
    if (production)
        title += u" — "_s + tr("PRODUCTION");
    if (isReadOnly())
        title += u" "_s + tr("(read-only)");
    m_title->setText(title);
    QPalette pal = m_title->palette();
    pal.setColor(QPalette::WindowText,
                 production ? QColor(0xc0, 0x1c, 0x28) : palette().color(QPalette::WindowText));
    m_title->setPalette(pal);
    if (!runbook.title.isEmpty() &&
        ChecklistRun::contentHash(runbook) != run.runbookContentHash()) {
        m_error->setText(tr("The runbook changed since this run started; steps are shown as the "
                            "file reads now."));
        m_error->show();
    }
    refreshList();
    refreshStep();
    m_ticker->start();
    m_steps->setFocus();
}

bool ChecklistWizard::isReadOnly() const
{
    return m_readOnly || m_run.isSignedOff();
}

void ChecklistWizard::setRunAvailable(bool available, const QString &why)
{
    m_runAvailable = available;
    m_runUnavailableWhy = why;
    if (m_hasRun)
        refreshStep();
    else
        refreshButtons();
}

const Step *ChecklistWizard::runbookStep(int index) const
{
    if (index < 0 || index >= m_run.stepCount())
        return nullptr;
    return m_runbook.step(m_run.step(index).stepId);
}

void ChecklistWizard::selectStep(int index)
{
    if (!m_hasRun || index < 0 || index >= m_run.stepCount())
        return;
    m_selected = index;
    {
        const QSignalBlocker block(m_steps);
        m_steps->setCurrentRow(index);
    }
    refreshStep();
}

int ChecklistWizard::openStepAfter(int from) const
{
    const int count = m_run.stepCount();
    for (int k = 1; k < count; ++k) {
        const int i = (from + k) % count;
        if (!m_run.step(i).isResolved())
            return i;
    }
    return -1;
}

void ChecklistWizard::nextOpenStep()
{
    if (!m_nextButton->isEnabled())
        return;
    const int next = openStepAfter(m_selected);
    if (next >= 0)
        selectStep(next);
}

void ChecklistWizard::keyPressEvent(QKeyEvent *event)
{
    // Enter reaches here only when the focused child had no use for it (the step list, a
    // read-only pane, a button that is not the default); the sign-off name keeps its own.
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const auto mods = event->modifiers() & ~Qt::KeypadModifier;
    if (enter && mods == Qt::NoModifier && QApplication::focusWidget() != m_signOffName &&
        m_nextButton->isEnabled()) {
        m_nextButton->click();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ChecklistWizard::nextStep()
{
    selectStep(qMin(m_selected + 1, m_run.stepCount() - 1));
}

void ChecklistWizard::previousStep()
{
    selectStep(qMax(m_selected - 1, 0));
}

void ChecklistWizard::refreshList()
{
    const QSignalBlocker block(m_steps);
    const int count = m_run.stepCount();
    while (m_steps->count() > count)
        delete m_steps->takeItem(m_steps->count() - 1);
    while (m_steps->count() < count)
        m_steps->addItem(new QListWidgetItem);
    int resolved = 0;
    for (int i = 0; i < count; ++i) {
        const StepRecord &s = m_run.step(i);
        resolved += s.isResolved() ? 1 : 0;
        QListWidgetItem *item = m_steps->item(i);
        const QString title = s.title.isEmpty() ? s.stepId : s.title;
        // Until the host answers the step is still pending in the run, but the user has
        // pressed Run and must see that something is happening.
        const bool connecting =
            s.state == StepState::Pending && m_runner && m_runner->activeStep() == i;
        item->setText(tr("%1. %2 — %3")
                          .arg(i + 1)
                          .arg(title, connecting ? tr("Connecting…") : stateLabel(s.state)));
        item->setIcon(stateIcon(s.state));
        item->setData(Qt::UserRole, stepStateName(s.state));
        item->setToolTip(stateLabel(s.state) +
                         (s.reason.isEmpty() ? QString() : u": "_s + s.reason));
        if (s.state == StepState::Failed || s.state == StepState::Interrupted)
            item->setForeground(stateColor(s.state));
        else
            item->setForeground(QBrush());
    }
    m_steps->setCurrentRow(m_selected);
    m_progress->setText(tr("%1 of %2 resolved").arg(resolved).arg(count));
}

QStringList ChecklistWizard::hostsOf(const Step &step) const
{
    if (!step.host.isEmpty())
        return {step.host};
    QStringList hosts;
    if (!step.group.isEmpty()) {
        for (const Host &h : m_workspace.hostsInGroup(step.group)) {
            // The same hosts the StepRunner runs the step on.
            if (h.environment.isEmpty() || h.environment == m_run.environment())
                hosts.append(h.name);
        }
        return hosts;
    }
    for (const Service &s : m_workspace.servicesIn(m_run.environment())) {
        if (!s.host.isEmpty() && (m_runbook.service.isEmpty() || s.profile == m_runbook.service ||
                                  s.name == m_runbook.service)) {
            if (!hosts.contains(s.host))
                hosts.append(s.host);
        }
    }
    return hosts;
}

void ChecklistWizard::refreshStep()
{
    if (!m_hasRun || m_run.stepCount() == 0) {
        refreshButtons();
        return;
    }
    const StepRecord &rec = m_run.step(m_selected);
    const Step *step = runbookStep(m_selected);
    m_stepTitle->setText(tr("Step %1 of %2: %3")
                             .arg(m_selected + 1)
                             .arg(m_run.stepCount())
                             .arg(rec.title.isEmpty() ? rec.stepId : rec.title));

    QString target;
    if (!step) {
        target = tr("This step is no longer in the runbook; only its record is shown.");
    } else if (step->kind == Step::Kind::Manual) {
        target = tr("Manual check: do it, then mark it done (Ctrl+D).");
    } else if (!step->group.isEmpty()) {
        const QStringList hosts = hostsOf(*step);
        target = tr("Target group: %1 (%2)")
                     .arg(step->group, hosts.isEmpty() ? tr("no hosts in this environment")
                                                       : hosts.join(u", "_s));
    } else {
        const QStringList hosts = hostsOf(*step);
        target = step->kind == Step::Kind::Http
                     ? tr("HTTP check through %1")
                           .arg(step->http.service.isEmpty() ? tr("the service's connection")
                                                             : step->http.service)
                     : tr("Target host: %1")
                           .arg(hosts.isEmpty() ? tr("the service's host") : hosts.join(u", "_s));
        if (step->kind == Step::Kind::Command && !step->cwd.isEmpty())
            target += u"  "_s + tr("in %1").arg(step->cwd);
    }
    if (step && step->destructive)
        target += u"  "_s + tr("— DESTRUCTIVE: asks for confirmation before it runs");
    m_target->setText(target);

    m_explanation->setMarkdown(step ? step->explanation : QString());
    m_explanation->setVisible(step && !step->explanation.trimmed().isEmpty());

    const bool hasCommand = step && !step->command.isEmpty();
    m_command->setVisible(hasCommand);
    m_command->setPlainText(hasCommand ? step->command : QString());
    if (hasCommand) {
        // As tall as the command, up to ten lines; longer ones scroll.
        const int lines = qBound(1, int(step->command.count(u'\n')) + 1, 10);
        m_command->setFixedHeight(lines * m_command->fontMetrics().lineSpacing() +
                                  2 * int(m_command->document()->documentMargin()) +
                                  2 * m_command->frameWidth() + 4);
    }
    QList<QTextEdit::ExtraSelection> marks;
    if (hasCommand) {
        const Classification c = classifyStep(*step, m_run, m_workspace);
        QTextCharFormat flagged;
        flagged.setBackground(QColor(0xfd, 0xd8, 0xdb));
        flagged.setForeground(QColor(0x80, 0x10, 0x18));
        flagged.setFontWeight(QFont::Bold);
        for (const Classification::Span &span : c.spans) {
            QTextEdit::ExtraSelection sel;
            sel.cursor = QTextCursor(m_command->document());
            sel.cursor.setPosition(int(span.start));
            sel.cursor.setPosition(int(span.start + span.length), QTextCursor::KeepAnchor);
            sel.format = flagged;
            marks.append(sel);
        }
        m_command->setToolTip(c.reasons.join(u'\n'));
    }
    m_command->setExtraSelections(marks);

    QStringList params;
    if (hasCommand) {
        for (const RunParameter &p : m_run.parameters()) {
            if (!step->command.contains(p.name))
                continue;
            params.append(p.secret ? tr("%1 = keychain entry “%2”").arg(p.name, p.value)
                                   : tr("%1 = %2").arg(p.name, p.value));
        }
    }
    m_parameters->setText(params.isEmpty() ? QString()
                                           : tr("Parameters: %1").arg(params.join(u"; "_s)));
    m_parameters->setVisible(!params.isEmpty());

    QString verdict;
    switch (rec.state) {
    case StepState::Pending:
        if (m_runner && m_runner->activeStep() == m_selected)
            verdict = tr("Connecting to the host…");
        break;
    case StepState::Running:
        verdict = tr("Running…");
        break;
    case StepState::Passed: {
        verdict = rec.startedAt.isValid() && rec.finishedAt.isValid()
                      ? tr("Passed in %1").arg(stepDuration(rec.startedAt, rec.finishedAt))
                      : tr("Passed");
        if (!rec.reason.isEmpty())
            verdict += u": "_s + rec.reason;
        QStringList met;
        if (step) {
            met = expectationsMet(*step, rec);
        } else {
            if (rec.output.exitStatus)
                met.append(tr("exit status %1").arg(*rec.output.exitStatus));
            if (rec.output.httpStatus)
                met.append(tr("HTTP %1").arg(*rec.output.httpStatus));
        }
        if (!met.isEmpty())
            verdict += u" — "_s + met.join(u" · "_s);
        break;
    }
    case StepState::Failed:
        verdict = tr("Failed: %1").arg(rec.reason.isEmpty() ? tr("no reason given") : rec.reason);
        if (rec.output.exitStatus)
            verdict += u"  "_s + tr("(exit status %1)").arg(*rec.output.exitStatus);
        break;
    case StepState::Skipped:
        verdict = tr("Skipped: %1").arg(rec.reason);
        break;
    case StepState::DoneByHand:
        verdict = tr("Done by hand");
        break;
    case StepState::Interrupted:
        verdict = tr("Interrupted: %1 Check the host, then mark it done, skip it or retry it.")
                      .arg(rec.reason);
        break;
    }
    if (rec.state == StepState::Pending && step && step->kind != Step::Kind::Manual &&
        !m_runAvailable && !isReadOnly())
        verdict = m_runUnavailableWhy;
    m_verdict->setText(verdict);
    QPalette vp = m_verdict->palette();
    vp.setColor(QPalette::WindowText, rec.state == StepState::Pending
                                          ? palette().color(QPalette::PlaceholderText)
                                          : stateColor(rec.state));
    m_verdict->setPalette(vp);

    const bool showGuidance =
        step && rec.state == StepState::Failed && !step->onFailure.trimmed().isEmpty();
    m_onFailure->setVisible(showGuidance);
    if (showGuidance)
        m_onFailure->setMarkdown(u"**"_s + tr("On failure") + u"**\n\n"_s + step->onFailure);

    QString out = m_output.value(m_selected);
    if (out.isEmpty() && !rec.output.excerpt.isEmpty())
        out = rec.output.excerpt;
    m_outputView->setPlainText(out);
    m_outputView->setVisible(rec.kind != Step::Kind::Manual || !out.isEmpty());

    QStringList hostLines;
    for (const StepHostOutcome &h : rec.output.hosts) {
        QString line = (h.passed ? u"✔ "_s : u"✘ "_s) + h.host + u" — "_s + h.outcome;
        if (h.exitStatus)
            line += u" "_s + tr("(exit status %1)").arg(*h.exitStatus);
        if (!h.passed && !h.reason.isEmpty())
            line += u": "_s + ChecklistRun::maskSecrets(h.reason, m_secretValues);
        hostLines.append(line);
    }
    m_hostOutcomes->setText(hostLines.isEmpty() ? QString()
                                                : tr("Hosts:\n%1").arg(hostLines.join(u'\n')));
    m_hostOutcomes->setVisible(!hostLines.isEmpty());

    QStringList notes;
    for (const StepNote &n : rec.notes) {
        notes.append(tr("%1 — %2").arg(n.at.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s),
                                       ChecklistRun::maskSecrets(n.text, m_secretValues)));
    }
    m_notes->setText(notes.isEmpty() ? QString() : tr("Notes:\n%1").arg(notes.join(u'\n')));
    m_notes->setVisible(!notes.isEmpty());

    refreshTimes();
    refreshButtons();
}

void ChecklistWizard::refreshButtons()
{
    const bool editable = m_hasRun && !isReadOnly();
    bool busy = m_runner && m_runner->isBusy();
    for (int i = 0; i < m_run.stepCount(); ++i)
        busy = busy || m_run.step(i).state == StepState::Running;
    const bool valid = m_hasRun && m_selected >= 0 && m_selected < m_run.stepCount();
    const StepState state = valid ? m_run.step(m_selected).state : StepState::Pending;
    const Step *step = valid ? runbookStep(m_selected) : nullptr;
    const bool runnable = step && step->kind != Step::Kind::Manual && !step->command.isEmpty();
    const bool open = state == StepState::Pending || state == StepState::Interrupted;

    m_runButton->setEnabled(editable && valid && !busy && runnable && m_runAvailable &&
                            state == StepState::Pending);
    m_runButton->setToolTip(!m_runAvailable && runnable ? m_runUnavailableWhy
                                                        : tr("Run this step (Ctrl+Enter)"));
    // The step being connected to is decided by its outcome, not by hand.
    const bool connecting = m_runner && m_runner->activeStep() == m_selected;
    m_doneButton->setEnabled(editable && valid && open && !connecting);
    m_skipButton->setEnabled(editable && valid && open && !connecting);
    m_noteButton->setEnabled(editable && valid);
    m_retryButton->setEnabled(editable && valid && state != StepState::Pending &&
                              state != StepState::Running);
    // A finished step stays in view until the user has read it and moves on from here.
    const bool finished = valid && m_run.step(m_selected).isResolved();
    const int next = valid ? openStepAfter(m_selected) : -1;
    m_nextButton->setEnabled(finished && next >= 0);
    if (m_nextButton->isEnabled()) {
        m_nextButton->setToolTip(tr("Go to step %1, the next open step (Enter)").arg(next + 1));
    } else if (finished && m_hasRun && m_run.allResolved() && !m_run.isSignedOff()) {
        m_nextButton->setToolTip(tr("Every step is finished: sign off the run below."));
    } else {
        m_nextButton->setToolTip(tr("Moves on to the next open step once this one is finished "
                                    "(Enter)"));
    }
    m_signOffName->setEnabled(editable);
    m_signOffButton->setEnabled(editable && !busy && m_run.allResolved() &&
                                !m_signOffName->text().trimmed().isEmpty());
    m_signOffButton->setToolTip(m_run.allResolved()
                                    ? tr("Sign off the run (Ctrl+Shift+S)")
                                    : tr("Every step must be passed, failed, skipped or done "
                                         "before the run can be signed off."));
    m_exportMarkdown->setEnabled(m_hasRun);
    m_exportPdf->setEnabled(m_hasRun);
    if (m_run.isSignedOff()) {
        m_signOffName->setText(m_run.signedOffBy());
        m_signOffButton->setText(tr("Signed off"));
    } else {
        m_signOffButton->setText(tr("&Sign off"));
    }
}

void ChecklistWizard::refreshTimes()
{
    if (!m_hasRun || m_run.stepCount() == 0) {
        m_elapsed->clear();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const StepRecord &rec = m_run.step(m_selected);
    QString step = tr("not started");
    if (rec.startedAt.isValid()) {
        const QDateTime end = rec.finishedAt.isValid() ? rec.finishedAt : now;
        step = duration(rec.startedAt.secsTo(end));
    }
    const QDateTime totalEnd = m_run.isSignedOff() ? m_run.signedOffAt() : now;
    m_elapsed->setText(
        tr("Step %1 · Total %2").arg(step, duration(m_run.startedAt().secsTo(totalEnd))));
}

void ChecklistWizard::showError(const Error &error)
{
    m_error->setText(error.message);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(pal);
    m_error->show();
}

void ChecklistWizard::clearError()
{
    m_error->clear();
    m_error->hide();
}

bool ChecklistWizard::apply(const Result<void> &result, Follow follow)
{
    if (!result) {
        showError(result.error());
        return false;
    }
    clearError();
    // A hand action (done, skipped) produced nothing new to read, so the view follows the
    // run to its next open step. A step that ran stays in view, passed or failed, with its
    // verdict and output, until the user presses Next; the outcome is stored already.
    if (follow == Follow::NextOpenStep && m_run.step(m_selected).isResolved()) {
        const int next = openStepAfter(m_selected);
        if (next >= 0)
            m_selected = next;
    }
    refreshList();
    refreshStep();
    Q_EMIT runChanged();
    return true;
}

void ChecklistWizard::runSelected()
{
    if (!m_runButton->isEnabled())
        return;
    const int index = m_selected;
    const Step *step = runbookStep(index);
    if (!step)
        return;
    Classification c = classifyStep(*step, m_run, m_workspace);
    // The runner is the judge of what it will refuse unconfirmed; its reasons join the
    // classifier's so the dialog shows every one.
    const QStringList runnerReasons =
        m_runner ? m_runner->confirmationReasons(m_run, index) : QStringList();
    if (c.isSafe() && runnerReasons.isEmpty()) {
        startRun(index);
        return;
    }
    for (const QString &reason : runnerReasons) {
        if (!c.reasons.contains(reason))
            c.reasons.append(reason);
    }
    if (c.isSafe())
        c.level = SafetyLevel::Destructive;
    ConfirmDestructiveDialog::Request request;
    request.environment = m_run.environment();
    request.production = m_workspace.isProduction(m_run.environment());
    request.hosts = hostsOf(*step);
    request.command = step->command;
    request.classification = c;
    request.actionLabel = tr("Run");
    auto *dialog = new ConfirmDestructiveDialog(request, this);
    dialog->setObjectName(u"confirmDestructiveDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, index, dialog] {
        // The run may have moved on while the dialog was open.
        if (m_hasRun && index < m_run.stepCount() && m_run.step(index).state == StepState::Pending)
            startRun(index, dialog->confirmedBy() == u"typed-name"_s ? ConfirmedBy::TypedName
                                                                     : ConfirmedBy::Dialog);
    });
    connect(dialog, &QDialog::finished, this, &ChecklistWizard::returnFocus);
    dialog->open();
    dialog->activateWindow();
}

void ChecklistWizard::startRun(int index, ConfirmedBy confirmedBy)
{
    if (m_runner) {
        m_output.remove(index);
        StepConfirmation confirmation;
        if (confirmedBy != ConfirmedBy::None) {
            confirmation.by = confirmedBy;
            confirmation.token = m_run.environment();
        }
        if (!m_runner->run(m_run, index, confirmation)) {
            showError(Error{u"checklist.busy"_s,
                            tr("Another step is still running; wait for it or cancel it."),
                            {}});
            return;
        }
        refreshList();
        refreshStep();
        return;
    }
    if (!apply(m_run.startStep(index, QDateTime::currentDateTimeUtc())))
        return;
    m_output.remove(index);
    refreshStep();
    Q_EMIT runRequested(index);
}

void ChecklistWizard::returnFocus()
{
    // Back to the step list, so the next shortcut works without reaching for the mouse.
    activateWindow();
    m_steps->setFocus();
}

void ChecklistWizard::markSelectedDone()
{
    if (!m_doneButton->isEnabled())
        return;
    apply(m_run.markDone(m_selected, QDateTime::currentDateTimeUtc()), Follow::NextOpenStep);
}

void ChecklistWizard::skipSelected()
{
    if (!m_skipButton->isEnabled() || m_reasonDialog)
        return;
    const int index = m_selected;
    auto *dialog = new ReasonDialog(
        tr("Skip step"),
        tr("Why is step %1 skipped? The reason goes into the report.").arg(index + 1), this);
    dialog->setObjectName(u"skipReasonDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_reasonDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, index] {
        apply(m_run.skipStep(index, dialog->text(), QDateTime::currentDateTimeUtc()),
              Follow::NextOpenStep);
    });
    connect(dialog, &QDialog::finished, this, &ChecklistWizard::returnFocus);
    dialog->open();
    dialog->activateWindow();
}

void ChecklistWizard::addNoteToSelected()
{
    if (!m_noteButton->isEnabled() || m_reasonDialog)
        return;
    const int index = m_selected;
    auto *dialog = new ReasonDialog(tr("Add note"), tr("Note on step %1:").arg(index + 1), this);
    dialog->setObjectName(u"noteDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_reasonDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, index] {
        apply(m_run.addNote(index, dialog->text(), QDateTime::currentDateTimeUtc()));
    });
    connect(dialog, &QDialog::finished, this, &ChecklistWizard::returnFocus);
    dialog->open();
    dialog->activateWindow();
}

void ChecklistWizard::retrySelected()
{
    if (!m_retryButton->isEnabled())
        return;
    if (apply(m_run.retryStep(m_selected, QDateTime::currentDateTimeUtc())))
        m_output.remove(m_selected);
    refreshStep();
    // Retrying a command means running it again; a manual check just reopens. Run goes
    // through the same confirmation as the first attempt.
    if (m_runButton->isEnabled())
        runSelected();
}

void ChecklistWizard::signOff()
{
    if (!m_signOffButton->isEnabled())
        return;
    if (apply(m_run.signOff(m_signOffName->text().trimmed(), QDateTime::currentDateTimeUtc()))) {
        m_title->setText(m_title->text() + u" "_s + tr("(signed off)"));
        refreshButtons();
        Q_EMIT signedOff();
    }
}

void ChecklistWizard::appendOutput(int index, const QByteArray &data, bool isStderr)
{
    Q_UNUSED(isStderr)
    if (!m_hasRun || index < 0 || index >= m_run.stepCount())
        return;
    QString &buffer = m_output[index];
    buffer += QString::fromUtf8(data);
    if (buffer.size() > kLiveOutputLimit)
        buffer = buffer.right(kLiveOutputLimit);
    if (index == m_selected) {
        m_outputView->setVisible(true);
        m_outputView->setPlainText(buffer);
        m_outputView->moveCursor(QTextCursor::End);
    }
}

void ChecklistWizard::applyResult(int index, const StepResult &result)
{
    if (!m_hasRun || index < 0 || index >= m_run.stepCount())
        return;
    for (const QString &s : result.secretValues) {
        if (!s.isEmpty() && !m_secretValues.contains(s))
            m_secretValues.append(s);
    }
    if (m_output.contains(index))
        m_output[index] = ChecklistRun::maskSecrets(m_output.value(index), result.secretValues);
    else
        m_output.insert(index, ChecklistRun::maskedExcerpt(result.output, result.secretValues));
    apply(m_run.finishStep(index, result, QDateTime::currentDateTimeUtc()));
}

void ChecklistWizard::setStepRunner(StepRunner *runner)
{
    if (m_runner)
        disconnect(m_runner, nullptr, this, nullptr);
    m_runner = runner;
    if (!runner)
        return;
    connect(runner, &StepRunner::outputReceived, this, &ChecklistWizard::appendOutput);
    connect(runner, &StepRunner::stepStarted, this, [this] {
        refreshList();
        refreshStep();
    });
    connect(runner, &StepRunner::stepFinished, this, &ChecklistWizard::onRunnerFinished);
    connect(runner, &StepRunner::failed, this, &ChecklistWizard::onRunnerFailed);
    if (m_hasRun) {
        runner->setWorkspace(m_workspace);
        runner->setRunbook(m_runbook);
    }
}

void ChecklistWizard::onRunnerFinished(int index, const StepResult &result)
{
    if (!m_hasRun || index < 0 || index >= m_run.stepCount())
        return;
    for (const QString &s : result.secretValues) {
        if (!s.isEmpty() && !m_secretValues.contains(s))
            m_secretValues.append(s);
    }
    m_output[index] = ChecklistRun::maskSecrets(m_output.value(index), result.secretValues);
    // The runner has already finished the step in the run (and stored it).
    apply(Result<void>{});
}

void ChecklistWizard::onRunnerFailed(int index, const Error &error)
{
    Q_UNUSED(index)
    refreshList();
    refreshStep();
    showError(error);
}

void ChecklistWizard::applyError(int index, const Error &error)
{
    StepResult result;
    result.passed = false;
    result.reason = error.message;
    applyResult(index, result);
}

Result<void> ChecklistWizard::exportMarkdown(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(u"report.write"_s,
                    tr("The report cannot be written to %1. Choose another folder.").arg(path),
                    file.errorString());
    }
    file.write(RunReport::toMarkdown(m_run, m_runbook, m_auditHead, m_secretValues).toUtf8());
    if (!file.commit()) {
        return fail(u"report.write"_s,
                    tr("The report cannot be written to %1. Choose another folder.").arg(path),
                    file.errorString());
    }
    return {};
}

Result<void> ChecklistWizard::exportPdf(const QString &path) const
{
    return RunReportPdf::write(path, m_run, m_runbook, m_auditHead, m_secretValues);
}

void ChecklistWizard::exportWithDialog(bool pdf)
{
    if (!m_hasRun)
        return;
    const QString base = m_run.runbookTitle().simplified().replace(u' ', u'-').toLower() +
                         u"-run-"_s + QString::number(m_run.runId());
    const QString suggested = base + (pdf ? u".pdf"_s : u".md"_s);
    const QString path =
        m_savePathChooser
            ? m_savePathChooser(suggested, pdf)
            : QFileDialog::getSaveFileName(
                  this, pdf ? tr("Export report as PDF") : tr("Export report as Markdown"),
                  suggested, pdf ? tr("PDF documents (*.pdf)") : tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    const Result<void> done = pdf ? exportPdf(path) : exportMarkdown(path);
    if (!done) {
        showError(done.error());
        return;
    }
    m_error->setText(tr("Report saved to %1").arg(path));
    m_error->setPalette(palette());
    m_error->show();
}

} // namespace ph
