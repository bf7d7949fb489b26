// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/credentialsdialog.h"

#include "core/logging.h"
#include "secrets/secretstore.h"
#include "ui/dialogs/secretinputdialog.h"

#include <QDialogButtonBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QShowEvent>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

std::optional<QString> askWithDialog(QWidget *parent, CredentialsDialog::Action action,
                                     const CredentialEntry &entry)
{
    SecretInputDialog dialog(action == CredentialsDialog::Action::Set
                                 ? SecretInputDialog::Mode::Set
                                 : SecretInputDialog::Mode::Rotate,
                             entry.entryName, entry.usedBy, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.secret();
}

bool confirmWithMessageBox(QWidget *parent, const CredentialEntry &entry)
{
    QMessageBox box(QMessageBox::Warning, CredentialsDialog::tr("Delete credential"),
                    CredentialsDialog::tr("Delete \"%1\" from the keychain?").arg(entry.entryName),
                    QMessageBox::NoButton, parent);
    box.setObjectName(u"deleteConfirmation"_s);
    box.setInformativeText(
        CredentialsDialog::tr("%1 can no longer authenticate until it is set again. The value "
                              "cannot be recovered.")
            .arg(entry.usedBy.join(u", "_s)));
    QPushButton *remove =
        box.addButton(CredentialsDialog::tr("Delete"), QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() == remove;
}

void setBannerColours(QWidget *banner, QLabel *label, bool error)
{
    QFont font = label->font();
    font.setBold(error);
    label->setFont(font);
    QPalette pal = banner->parentWidget() ? banner->parentWidget()->palette() : banner->palette();
    if (error) {
        pal.setColor(QPalette::Window, QColor(0xfd, 0xe7, 0xe9));
        pal.setColor(QPalette::WindowText, QColor(0x70, 0x10, 0x18));
    }
    banner->setPalette(pal);
}

} // namespace

CredentialsDialog::CredentialsDialog(SecretStore *store, const Workspace &workspace,
                                     QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_model(new CredentialsModel(this))
    , m_prompt(askWithDialog)
    , m_confirmDelete(confirmWithMessageBox)
    , m_keychainBanner(new QFrame(this))
    , m_keychainStatus(new QLabel(this))
    , m_demoLabel(new QLabel(this))
    , m_emptyLabel(new QLabel(this))
    , m_table(new QTableView(this))
    , m_setButton(new QPushButton(tr("&Set…"), this))
    , m_rotateButton(new QPushButton(tr("&Rotate…"), this))
    , m_deleteButton(new QPushButton(tr("&Delete…"), this))
    , m_refreshButton(new QPushButton(tr("Check &again"), this))
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_message(new QLabel(this))
{
    setObjectName(u"credentialsDialog"_s);
    setWindowTitle(workspace.name.isEmpty() ? tr("Credentials")
                                            : tr("Credentials — %1").arg(workspace.name));

    auto *intro = new QLabel(
        tr("Dashboard keys and SSH secrets live in the system keychain (Secret Service or "
           "KWallet), never in the workspace file. Values are never shown here."),
        this);
    intro->setWordWrap(true);

    m_keychainBanner->setObjectName(u"keychainBanner"_s);
    m_keychainBanner->setAutoFillBackground(true);
    m_keychainBanner->setFrameShape(QFrame::StyledPanel);
    m_keychainStatus->setObjectName(u"keychainStatus"_s);
    m_keychainStatus->setWordWrap(true);
    m_keychainStatus->setTextFormat(Qt::PlainText);
    m_keychainStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bl = new QHBoxLayout(m_keychainBanner);
    bl->setContentsMargins(8, 6, 8, 6);
    bl->addWidget(m_keychainStatus, 1);

    m_demoLabel->setObjectName(u"demoLabel"_s);
    m_demoLabel->setWordWrap(true);
    m_demoLabel->setText(tr("DEMO — these entries belong to the demo keychain service \"%1\" and "
                            "never touch your real credentials.")
                             .arg(store->service()));
    m_demoLabel->setVisible(store->isDemo());
    QFont bold = m_demoLabel->font();
    bold.setBold(true);
    m_demoLabel->setFont(bold);

    m_model->setWorkspace(workspace);
    m_table->setObjectName(u"credentialsTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CredentialsModel::StateCol, QHeaderView::Stretch);
    header->setMinimumSectionSize(80);

    m_emptyLabel->setObjectName(u"emptyLabel"_s);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setText(tr("This workspace references no credentials: no service names a "
                             "dashboard_key_ref and no host a secret_ref."));
    m_emptyLabel->setVisible(m_model->rowCount() == 0);

    m_setButton->setObjectName(u"setButton"_s);
    m_setButton->setToolTip(tr("Store a value for the selected entry"));
    m_rotateButton->setObjectName(u"rotateButton"_s);
    m_rotateButton->setToolTip(
        tr("Replace the value of the selected entry; the old value is gone"));
    m_deleteButton->setObjectName(u"deleteButton"_s);
    m_deleteButton->setToolTip(tr("Remove the selected entry from the keychain"));
    m_refreshButton->setObjectName(u"refreshButton"_s);
    m_refreshButton->setToolTip(tr("Check the keychain and every entry again"));
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_setButton);
    actions->addWidget(m_rotateButton);
    actions->addWidget(m_deleteButton);
    actions->addStretch(1);
    actions->addWidget(m_refreshButton);

    m_progress->setObjectName(u"progressBar"_s);
    m_progress->setRange(0, 0); // busy indicator: keychain jobs report no progress
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progressLabel->setObjectName(u"progressLabel"_s);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress);
    progressRow->addWidget(m_progressLabel, 1);

    m_message->setObjectName(u"messageLabel"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(u"closeButton"_s);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_keychainBanner);
    layout->addWidget(m_demoLabel);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_emptyLabel);
    layout->addLayout(actions);
    layout->addLayout(progressRow);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_setButton, &QPushButton::clicked, this, &CredentialsDialog::setCurrentCredential);
    connect(m_rotateButton, &QPushButton::clicked, this,
            &CredentialsDialog::rotateCurrentCredential);
    connect(m_deleteButton, &QPushButton::clicked, this,
            &CredentialsDialog::deleteCurrentCredential);
    connect(m_refreshButton, &QPushButton::clicked, this, &CredentialsDialog::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CredentialsDialog::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &CredentialsDialog::updateActions);

    if (m_model->rowCount() > 0)
        setCurrentRow(0);
    showKeychainStatus();
    updateActions();
    resize(900, 440);
}

CredentialsDialog::~CredentialsDialog() = default;

void CredentialsDialog::setSecretPrompt(SecretPrompt prompt)
{
    m_prompt = prompt ? std::move(prompt) : SecretPrompt(askWithDialog);
}

void CredentialsDialog::setDeleteConfirmation(DeleteConfirmation confirm)
{
    m_confirmDelete = confirm ? std::move(confirm) : DeleteConfirmation(confirmWithMessageBox);
}

int CredentialsDialog::currentRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void CredentialsDialog::setCurrentRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void CredentialsDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        refresh();
    }
}

void CredentialsDialog::refresh()
{
    if (isBusy())
        return;
    m_probed = false;
    m_available = false;
    m_keychainError.reset();
    m_refreshing = true;
    m_model->setAllStates(CredentialEntry::State::Checking);
    showKeychainStatus();
    beginJob(tr("Checking the keychain…"));
    m_store->probeAvailability(this, [this](Result<void> probed) {
        m_probed = true;
        m_available = bool(probed);
        if (!probed) {
            m_keychainError = probed.error();
            m_model->setAllStates(CredentialEntry::State::Unknown);
        } else {
            for (int row = 0; row < m_model->rowCount(); ++row)
                checkEntry(row);
        }
        showKeychainStatus();
        endJob();
    });
}

void CredentialsDialog::checkEntry(int row)
{
    const QString entryName = m_model->entryAt(row).entryName;
    m_model->setState(row, CredentialEntry::State::Checking);
    beginJob(tr("Checking the keychain…"));
    m_store->read(entryName, this, [this, entryName](Result<QString> read) {
        const int at = m_model->rowOf(entryName);
        if (read) {
            // Only "is it there" matters; the value is dropped here and never leaves.
            read->clear();
            m_model->setState(at, CredentialEntry::State::Set);
        } else if (read.error().code == "keychain.not_found"_L1) {
            m_model->setState(at, CredentialEntry::State::NotSet);
        } else {
            m_model->setState(at, CredentialEntry::State::Error, read.error().message,
                              read.error().detail);
        }
        endJob();
    });
}

void CredentialsDialog::setCurrentCredential()
{
    writeValue(Action::Set);
}

void CredentialsDialog::rotateCurrentCredential()
{
    writeValue(Action::Rotate);
}

void CredentialsDialog::writeValue(Action action)
{
    const int row = currentRow();
    if (row < 0 || isBusy() || !m_available)
        return;
    const CredentialEntry entry = m_model->entryAt(row);
    std::optional<QString> value = m_prompt(this, action, entry);
    if (!value)
        return;
    if (value->isEmpty()) {
        showMessage(tr("Nothing was stored: an empty value is not a credential."), true);
        return;
    }
    const QString name = entry.entryName;
    qCInfo(lcUi) << (action == Action::Set ? "setting" : "rotating") << "credential" << name;
    beginJob(action == Action::Set ? tr("Storing \"%1\" in the keychain…").arg(name)
                                   : tr("Replacing the value of \"%1\"…").arg(name));
    auto done = [this, name, action](Result<void> result) {
        if (result) {
            showMessage(action == Action::Set
                            ? tr("Stored \"%1\" in the keychain.").arg(name)
                            : tr("Replaced the value of \"%1\"; the old value is gone.").arg(name),
                        false);
            if (const int at = m_model->rowOf(name); at >= 0)
                checkEntry(at);
            Q_EMIT actionFinished(name, {});
        } else {
            showMessage(action == Action::Set
                            ? tr("Could not store \"%1\": %2").arg(name, result.error().message)
                            : tr("Could not replace \"%1\": %2").arg(name, result.error().message),
                        true, result.error().detail);
            Q_EMIT actionFinished(name, result.error().message);
        }
        endJob();
    };
    if (action == Action::Set)
        m_store->write(name, *value, this, std::move(done));
    else
        m_store->rotate(name, *value, this, std::move(done));
    value->clear();
}

void CredentialsDialog::deleteCurrentCredential()
{
    const int row = currentRow();
    if (row < 0 || isBusy() || !m_available)
        return;
    const CredentialEntry entry = m_model->entryAt(row);
    if (!m_confirmDelete(this, entry))
        return;
    const QString name = entry.entryName;
    qCInfo(lcUi) << "deleting credential" << name;
    beginJob(tr("Deleting \"%1\" from the keychain…").arg(name));
    m_store->remove(name, this, [this, name](Result<void> result) {
        if (result) {
            showMessage(tr("Deleted \"%1\" from the keychain.").arg(name), false);
            if (const int at = m_model->rowOf(name); at >= 0)
                checkEntry(at);
            Q_EMIT actionFinished(name, {});
        } else {
            showMessage(tr("Could not delete \"%1\": %2").arg(name, result.error().message), true,
                        result.error().detail);
            Q_EMIT actionFinished(name, result.error().message);
        }
        endJob();
    });
}

void CredentialsDialog::beginJob(const QString &text)
{
    if (m_pending++ == 0)
        Q_EMIT busyChanged(true);
    m_progressLabel->setText(text);
    updateActions();
}

void CredentialsDialog::endJob()
{
    Q_ASSERT(m_pending > 0);
    if (--m_pending > 0)
        return;
    m_progressLabel->clear();
    updateActions();
    Q_EMIT busyChanged(false);
    if (m_refreshing) {
        m_refreshing = false;
        Q_EMIT refreshed();
    }
}

void CredentialsDialog::updateActions()
{
    const bool busy = isBusy();
    const bool usable = m_available && !busy;
    const int row = currentRow();
    const auto state = row >= 0 ? m_model->entryAt(row).state : CredentialEntry::State::Unknown;
    using S = CredentialEntry::State;
    m_setButton->setEnabled(usable && row >= 0 && (state == S::NotSet || state == S::Error));
    m_rotateButton->setEnabled(usable && row >= 0 && state == S::Set);
    m_deleteButton->setEnabled(usable && row >= 0 && (state == S::Set || state == S::Error));
    m_refreshButton->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_progressLabel->setVisible(busy);
}

void CredentialsDialog::showMessage(const QString &text, bool isError, const QString &detail)
{
    QPalette pal = palette();
    if (isError)
        pal.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_message->setPalette(pal);
    m_message->setText(text);
    m_message->setToolTip(detail);
    m_message->setProperty("isError", isError);
    m_message->show();
}

void CredentialsDialog::showKeychainStatus()
{
    if (!m_probed) {
        setBannerColours(m_keychainBanner, m_keychainStatus, false);
        m_keychainStatus->setText(tr("Checking whether a keychain is available…"));
        m_keychainStatus->setToolTip({});
        return;
    }
    if (m_available) {
        setBannerColours(m_keychainBanner, m_keychainStatus, false);
        m_keychainStatus->setText(
            tr("Keychain available. Entries are stored under the service name \"%1\".")
                .arg(m_store->service()));
        m_keychainStatus->setToolTip({});
        return;
    }
    const Error error = m_keychainError.value_or(Error{});
    // The store's message already names what is missing (Secret Service, KWallet); the
    // headline is only needed where the keychain exists but does not cooperate.
    QString text;
    if (error.code == "keychain.denied"_L1)
        text = tr("The keychain is locked or refused access.") + u'\n';
    else if (error.code == "keychain.timeout"_L1)
        text = tr("The keychain does not answer.") + u'\n';
    text += error.message + u'\n' +
            tr("Until it works, credentials can be neither checked nor changed; nothing is "
               "stored anywhere else.");
    setBannerColours(m_keychainBanner, m_keychainStatus, true);
    m_keychainStatus->setText(text);
    m_keychainStatus->setToolTip(error.detail);
}

} // namespace ph
