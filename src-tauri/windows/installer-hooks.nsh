; The office network: the app's host mode listens on the network, and Windows Firewall blocks
; (or asks once, and a "Cancel" blocks for good) a program that does. The installer adds an
; inbound rule for the app on private and domain networks (never public ones) and the
; uninstaller removes it. Firewall rules need an administrator: the per-user installer asks for
; it here (UAC); if refused, the app still works on this PC and Cài đặt › Mạng nội bộ explains
; how to allow it by hand.

!macro NSIS_HOOK_POSTINSTALL
  ExecShellWait "runas" "$SYSDIR\netsh.exe" 'advfirewall firewall delete rule name="CCHC Xa" program="$INSTDIR\cchc-xa.exe"' SW_HIDE
  ExecShellWait "runas" "$SYSDIR\netsh.exe" 'advfirewall firewall add rule name="CCHC Xa" dir=in action=allow program="$INSTDIR\cchc-xa.exe" enable=yes profile=private,domain' SW_HIDE
!macroend

!macro NSIS_HOOK_PREUNINSTALL
  ExecShellWait "runas" "$SYSDIR\netsh.exe" 'advfirewall firewall delete rule name="CCHC Xa" program="$INSTDIR\cchc-xa.exe"' SW_HIDE
!macroend
