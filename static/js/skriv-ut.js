// «Skriv ut»: the button stays hidden until this runs, so nobody sees a button that cannot work.
document.querySelectorAll("[data-skriv-ut]").forEach(function (holder) {
  holder.hidden = false;
  holder.querySelector("button").addEventListener("click", function () {
    window.print();
  });
});
