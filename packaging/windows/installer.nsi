; ComeComePay Desktop for Windows: a per-user installer (no administrator rights), built on
; Debian with Debian's makensis by `scripts/windows.sh installer`, which passes
;   VERSION, PUBLISHER, COPYRIGHT  from Cargo.toml / tauri.conf.json (one source of truth)
;   IDENTIFIER                     tauri.conf.json's, the AppUserModelID Windows' toasts need
;   SRC                            a folder with the files below; OUT, the installer to write.
; `/S` installs silently; the uninstaller's `/S` keeps the user's data.

; A 64-bit installer (Unicode) for the 64-bit app: on a 32-bit Windows, which could not run the
; app, it does not start instead of installing what cannot run; and Debian's wine64, without the
; i386 wine32, runs it (the default x86 stub died there in wow64 before its first line).
Target amd64-unicode
SetCompressor /SOLID lzma
!include LogicLib.nsh
!include FileFunc.nsh
!include "Win\COM.nsh"
!include "Win\Propkey.nsh"

!define NAME "ComeComePay Desktop"
!define EXE "comecomepay-desktop.exe"
!define LNK "$SMPROGRAMS\${NAME}.lnk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define APPROVED_KEY "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
; The login item's name (src-tauri/autostart.rs).
!define RUN_NAME "comecomepay-desktop"
!define HOST "com.comecomepay.desktop"
; WebView2's Evergreen runtime: its EdgeUpdate client id, and Microsoft's download page (its
; bootstrapper is not on a registry reachable from the build machine, so it is linked, not shipped).
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${NAME}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\ComeComePay"
RequestExecutionLevel user
ShowInstDetails show
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${NAME}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey "FileDescription" "${NAME} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

; Sets the shortcut's AppUserModelID (as Tauri's own NSIS template does, by COM through the
; System plugin): Windows shows toast notifications only for an app with a shortcut carrying it.
!macro SetLnkAppUserModelId shortcut
  !insertmacro ComHlpr_CreateInProcInstance ${CLSID_ShellLink} ${IID_IShellLink} r0 ""
  ${If} $0 P<> 0
    ${IUnknown::QueryInterface} $0 '("${IID_IPersistFile}",.r1)'
    ${If} $1 P<> 0
      ${IPersistFile::Load} $1 '("${shortcut}", ${STGM_READWRITE})'
      ${IUnknown::QueryInterface} $0 '("${IID_IPropertyStore}",.r2)'
      ${If} $2 P<> 0
        ; Pointer-sized (p): the BSTR is a 64-bit pointer in this 64-bit installer.
        System::Call 'Oleaut32::SysAllocString(w "${IDENTIFIER}") p.r3'
        System::Call '*${SYSSTRUCT_PROPERTYKEY}(${PKEY_AppUserModel_ID})p.r4'
        System::Call '*${SYSSTRUCT_PROPVARIANT}(${VT_BSTR},,p $3)p.r5'
        ${IPropertyStore::SetValue} $2 '($4,$5)'
        System::Call 'Oleaut32::SysFreeString($3)'
        System::Free $4
        System::Free $5
        ${IPropertyStore::Commit} $2 ""
        ${IUnknown::Release} $2 ""
        ${IPersistFile::Save} $1 '("${shortcut}",1)'
      ${EndIf}
      ${IUnknown::Release} $1 ""
    ${EndIf}
    ${IUnknown::Release} $0 ""
  ${EndIf}
!macroend

Section "ComeComePay Desktop"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SRC}\${EXE}"
  File "${SRC}\ccp.exe"
  File "${SRC}\ccp-browser-host.exe"
  File "${SRC}\ccp-sandbox.exe"
  File "${SRC}\WebView2Loader.dll"
  SetOutPath "$INSTDIR\native-messaging"
  File "${SRC}\native-messaging\chromium.json"
  File "${SRC}\native-messaging\firefox.json"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "${LNK}" "$INSTDIR\${EXE}"
  !insertmacro SetLnkAppUserModelId "${LNK}"

  ; The browser companion's host for this user's Chrome, Edge and Firefox: each browser reads
  ; the manifest the key names (its "path" is relative to the manifest, as Windows allows).
  WriteRegStr HKCU "Software\Google\Chrome\NativeMessagingHosts\${HOST}" "" "$INSTDIR\native-messaging\chromium.json"
  WriteRegStr HKCU "Software\Microsoft\Edge\NativeMessagingHosts\${HOST}" "" "$INSTDIR\native-messaging\chromium.json"
  WriteRegStr HKCU "Software\Mozilla\NativeMessagingHosts\${HOST}" "" "$INSTDIR\native-messaging\firefox.json"

  ; Apps & features.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0

  Call WebView2
SectionEnd

; Windows 10 and 11 ship the WebView2 runtime. Where it is missing (an old or stripped system,
; wine) the app cannot draw its window: said here, with Microsoft's page offered (silently: in
; the log only; the app itself says so again at start).
Function WebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    DetailPrint "WebView2 runtime: missing (get it from ${WEBVIEW2_URL})"
    ${IfNot} ${Silent}
      MessageBox MB_YESNO|MB_ICONEXCLAMATION "ComeComePay Desktop needs Microsoft Edge WebView2 Runtime to draw its window, and it is not installed here.$\r$\n$\r$\nOpen Microsoft's download page now?" IDNO done
      ExecShell "open" "${WEBVIEW2_URL}"
    ${EndIf}
  ${Else}
    DetailPrint "WebView2 runtime: $0"
  ${EndIf}
  done:
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  ; What this installer wrote, and the login item the app may have written.
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\ccp.exe"
  Delete "$INSTDIR\ccp-browser-host.exe"
  Delete "$INSTDIR\ccp-sandbox.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\native-messaging\chromium.json"
  Delete "$INSTDIR\native-messaging\firefox.json"
  RMDir "$INSTDIR\native-messaging"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "${LNK}"
  DeleteRegKey HKCU "Software\Google\Chrome\NativeMessagingHosts\${HOST}"
  DeleteRegKey HKCU "Software\Microsoft\Edge\NativeMessagingHosts\${HOST}"
  DeleteRegKey HKCU "Software\Mozilla\NativeMessagingHosts\${HOST}"
  DeleteRegValue HKCU "${RUN_KEY}" "${RUN_NAME}"
  DeleteRegValue HKCU "${APPROVED_KEY}" "${RUN_NAME}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; The user's data (the encrypted offline copy, settings, the window's storage) stays unless
  ; the user says otherwise; a silent uninstall keeps it. The sign-in in Windows' Credential
  ; Manager is removed by signing out in the app (or `ccp logout`) before uninstalling.
  ${IfNot} ${Silent}
    MessageBox MB_YESNO|MB_DEFBUTTON2 "Also delete your ComeComePay data on this computer (the offline copy of your cards and codes, and your settings)?$\r$\n$\r$\nTo remove your sign-in too, sign out in the app before uninstalling." IDNO keep
    RMDir /r "$APPDATA\ComeComePay"
    RMDir /r "$LOCALAPPDATA\${IDENTIFIER}"
  ${EndIf}
  keep:
SectionEnd
